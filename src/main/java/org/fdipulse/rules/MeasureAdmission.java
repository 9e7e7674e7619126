package org.fdipulse.rules;

import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.keys.CityMeasure;
import org.fdipulse.model.MeasureState;
import org.fdipulse.reference.Normalized;

/** Admits one measure update (R6), keyed {@code city|measureId} for the R5 ledger. */
public final class MeasureAdmission {

    private final InputValidation validation;

    public MeasureAdmission(InputValidation validation) {
        this.validation = validation;
    }

    /**
     * {@code city|measureId} with the city as the job normalises it: the R5 ledger's key, and the key {@code ingest}
     * gives the record, so that a record sent by {@code ingest} is already in its ledger's partition.
     */
    public static String ledgerKey(MeasureUpdate update) {
        return new CityMeasure(Normalized.city(update.getCity()), update.getMeasureId()).encode();
    }

    public Verdict<MeasureState> admit(MeasureUpdate update) {
        return validation.check(update).<Verdict<MeasureState>>map(Verdict.Rejected::new).orElseGet(() ->
                new Verdict.Accepted<>(ledgerKey(update), new MeasureState(update.getUpdateId(), update.getMeasureId(),
                        Normalized.city(update.getCity()), update.getFocusArea(), update.getStatus(),
                        update.getOccurredAt().toEpochMilli())));
    }
}
