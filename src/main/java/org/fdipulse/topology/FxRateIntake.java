package org.fdipulse.topology;

import org.fdipulse.avro.FxRate;
import org.fdipulse.rules.InputValidation;
import org.fdipulse.rules.Normalized;
import org.fdipulse.serde.AvroSerdes;

/** Admits FX rates (R6: MISSING_FIELD, INVALID_CURRENCY, INVALID_RATE), keyed by normalised currency. */
final class FxRateIntake extends IntakeProcessor<FxRate, FxRate> {

    private final InputValidation validation;

    FxRateIntake(InputValidation validation) {
        super(AvroSerdes.fxRate());
        this.validation = validation;
    }

    @Override
    Admission<FxRate> admit(FxRate rate) {
        return validation.check(rate)
                .<Admission<FxRate>>map(Admission.Reject::new)
                .orElseGet(() -> new Admission.Accept<>(Normalized.currency(rate.getCurrency()), rate));
    }
}
