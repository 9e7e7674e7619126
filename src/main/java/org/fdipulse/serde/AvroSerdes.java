package org.fdipulse.serde;

import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.avro.PilotProgress;
import org.fdipulse.avro.SectorSummary;
import org.fdipulse.avro.ServicesShare;

/** One serde per record of SPEC section 2. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    public static AvroSingleObjectSerde<InvestmentEvent> investmentEvent() {
        return new AvroSingleObjectSerde<>(InvestmentEvent.getEncoder(), InvestmentEvent::createDecoder, "InvestmentEvent");
    }

    public static AvroSingleObjectSerde<MeasureUpdate> measureUpdate() {
        return new AvroSingleObjectSerde<>(MeasureUpdate.getEncoder(), MeasureUpdate::createDecoder, "MeasureUpdate");
    }

    public static AvroSingleObjectSerde<FxRate> fxRate() {
        return new AvroSingleObjectSerde<>(FxRate.getEncoder(), FxRate::createDecoder, "FxRate");
    }

    public static AvroSingleObjectSerde<SectorSummary> sectorSummary() {
        return new AvroSingleObjectSerde<>(SectorSummary.getEncoder(), SectorSummary::createDecoder, "SectorSummary");
    }

    public static AvroSingleObjectSerde<ServicesShare> servicesShare() {
        return new AvroSingleObjectSerde<>(ServicesShare.getEncoder(), ServicesShare::createDecoder, "ServicesShare");
    }

    public static AvroSingleObjectSerde<PilotProgress> pilotProgress() {
        return new AvroSingleObjectSerde<>(PilotProgress.getEncoder(), PilotProgress::createDecoder, "PilotProgress");
    }
}
