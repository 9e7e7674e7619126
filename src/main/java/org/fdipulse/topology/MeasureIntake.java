package org.fdipulse.topology;

import java.util.Optional;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.model.MeasureState;
import org.fdipulse.rules.InputValidation;
import org.fdipulse.rules.Normalized;
import org.fdipulse.rules.Rejection;
import org.fdipulse.serde.AvroSerdes;

/** Admits measure updates (R6), keyed {@code city|measureId} for the R5 ledger. */
final class MeasureIntake extends IntakeProcessor<MeasureUpdate, MeasureState> {

    private final InputValidation validation;

    MeasureIntake(InputValidation validation) {
        super(AvroSerdes.measureUpdate());
        this.validation = validation;
    }

    @Override
    Admission<MeasureState> admit(MeasureUpdate update) {
        Optional<Rejection> rejection = validation.check(update);
        if (rejection.isPresent()) {
            return Admission.reject(rejection.get());
        }
        String city = Normalized.city(update.getCity());
        MeasureState state = new MeasureState(update.getUpdateId(), update.getMeasureId(), city,
                update.getFocusArea(), update.getStatus(), update.getOccurredAt().toEpochMilli());
        return new Admission.Accept<>(city + "|" + update.getMeasureId(), state);
    }
}
