package org.fdipulse.topology;

import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.model.MeasureState;
import org.fdipulse.rules.MeasureAdmission;
import org.fdipulse.rules.Verdict;
import org.fdipulse.serde.AvroSerdes;
import org.fdipulse.serde.InputDecoder;
import org.fdipulse.serde.InputFormats;

/** Admits measure updates for the R5 ledger. */
final class MeasureIntake extends IntakeProcessor<MeasureUpdate, MeasureState> {

    private final MeasureAdmission admission;

    MeasureIntake(MeasureAdmission admission, InputFormats formats, int sourcePartitions, IntakeRoutes routes) {
        super(new InputDecoder<>(AvroSerdes.measureUpdate(), MeasureUpdate::new, formats), sourcePartitions, routes);
        this.admission = admission;
    }

    @Override
    Verdict<MeasureState> admit(MeasureUpdate update) {
        return admission.admit(update);
    }
}
