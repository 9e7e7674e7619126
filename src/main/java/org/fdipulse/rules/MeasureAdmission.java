package org.fdipulse.rules;

import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.model.MeasureState;

/** Admits one measure update (R6), keyed {@code city|measureId} for the R5 ledger. */
public final class MeasureAdmission {

    private final InputValidation validation;

    public MeasureAdmission(InputValidation validation) {
        this.validation = validation;
    }

    public Verdict<MeasureState> admit(MeasureUpdate update) {
        return validation.check(update).<Verdict<MeasureState>>map(Verdict.Rejected::new).orElseGet(() -> {
            String city = Normalized.city(update.getCity());
            return new Verdict.Accepted<>(city + "|" + update.getMeasureId(), new MeasureState(update.getUpdateId(),
                    update.getMeasureId(), city, update.getFocusArea(), update.getStatus(),
                    update.getOccurredAt().toEpochMilli()));
        });
    }
}
