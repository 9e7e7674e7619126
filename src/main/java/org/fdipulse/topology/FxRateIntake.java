package org.fdipulse.topology;

import org.fdipulse.avro.FxRate;
import org.fdipulse.rules.InputValidation;
import org.fdipulse.rules.Verdict;
import org.fdipulse.serde.AvroSerdes;
import org.fdipulse.serde.InputDecoder;
import org.fdipulse.serde.InputFormats;

/** Judges FX rates (R6: MISSING_FIELD, INVALID_CURRENCY, INVALID_RATE) so the invalid ones can be dead-lettered. */
final class FxRateIntake extends IntakeProcessor<FxRate, FxRate> {

    private final InputValidation validation;

    FxRateIntake(InputValidation validation, InputFormats formats, IntakeRoutes routes) {
        super(new InputDecoder<>(AvroSerdes.fxRate(), FxRate::new, formats), 0, routes);
        this.validation = validation;
    }

    @Override
    Verdict<FxRate> admit(FxRate rate) {
        return validation.check(rate).<Verdict<FxRate>>map(Verdict.Rejected::new)
                .orElseGet(() -> new Verdict.Accepted<>(rate.getCurrency(), rate));
    }
}
