package org.fdipulse.topology;

import java.util.Optional;
import org.fdipulse.avro.FxRate;
import org.fdipulse.rules.InputValidation;
import org.fdipulse.rules.Normalized;
import org.fdipulse.rules.Rejection;
import org.fdipulse.serde.AvroSerdes;

/** Admits FX rates (R6: MISSING_FIELD, INVALID_CURRENCY, INVALID_RATE) in the rate book's key and value form. */
final class FxRateIntake extends IntakeProcessor<FxRate, String> {

    private final InputValidation validation;

    FxRateIntake(InputValidation validation) {
        super(AvroSerdes.fxRate());
        this.validation = validation;
    }

    @Override
    Admission<String> admit(FxRate rate) {
        Optional<Rejection> rejection = validation.check(rate);
        if (rejection.isPresent()) {
            return Admission.reject(rejection.get());
        }
        var entry = FxRateBook.entry(Normalized.currency(rate.getCurrency()), rate.getValidFrom(), rate.getUnitsPerUsd());
        return new Admission.Accept<>(entry.key, rate.getValidFrom().toEpochMilli(), entry.value);
    }
}
