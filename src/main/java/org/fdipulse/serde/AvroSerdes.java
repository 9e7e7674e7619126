package org.fdipulse.serde;

import org.fdipulse.avro.Alert;
import org.fdipulse.avro.CapitalMix;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.avro.PilotProgress;
import org.fdipulse.avro.SectorSummary;
import org.fdipulse.avro.ServicesShare;

/**
 * One serde per record of contract section 2, each built once: building one parses every shipped schema version, far too
 * slow to do per record (the benchmark's profile showed it). Avro's message encoders and decoders keep their buffers
 * per thread, so the instances are safe to share.
 */
public final class AvroSerdes {

    private static final AvroSingleObjectSerde<InvestmentEvent> INVESTMENT_EVENT =
            new AvroSingleObjectSerde<>(InvestmentEvent.getEncoder(), InvestmentEvent::createDecoder, "InvestmentEvent");
    private static final AvroSingleObjectSerde<MeasureUpdate> MEASURE_UPDATE =
            new AvroSingleObjectSerde<>(MeasureUpdate.getEncoder(), MeasureUpdate::createDecoder, "MeasureUpdate");
    private static final AvroSingleObjectSerde<FxRate> FX_RATE =
            new AvroSingleObjectSerde<>(FxRate.getEncoder(), FxRate::createDecoder, "FxRate");
    private static final AvroSingleObjectSerde<SectorSummary> SECTOR_SUMMARY =
            new AvroSingleObjectSerde<>(SectorSummary.getEncoder(), SectorSummary::createDecoder, "SectorSummary");
    private static final AvroSingleObjectSerde<ServicesShare> SERVICES_SHARE =
            new AvroSingleObjectSerde<>(ServicesShare.getEncoder(), ServicesShare::createDecoder, "ServicesShare");
    private static final AvroSingleObjectSerde<PilotProgress> PILOT_PROGRESS =
            new AvroSingleObjectSerde<>(PilotProgress.getEncoder(), PilotProgress::createDecoder, "PilotProgress");

    private static final AvroSingleObjectSerde<CapitalMix> CAPITAL_MIX =
            new AvroSingleObjectSerde<>(CapitalMix.getEncoder(), CapitalMix::createDecoder, "CapitalMix");
    private static final AvroSingleObjectSerde<Alert> ALERT =
            new AvroSingleObjectSerde<>(Alert.getEncoder(), Alert::createDecoder, "Alert");

    private AvroSerdes() {
    }

    public static AvroSingleObjectSerde<InvestmentEvent> investmentEvent() {
        return INVESTMENT_EVENT;
    }

    public static AvroSingleObjectSerde<MeasureUpdate> measureUpdate() {
        return MEASURE_UPDATE;
    }

    public static AvroSingleObjectSerde<FxRate> fxRate() {
        return FX_RATE;
    }

    public static AvroSingleObjectSerde<SectorSummary> sectorSummary() {
        return SECTOR_SUMMARY;
    }

    public static AvroSingleObjectSerde<ServicesShare> servicesShare() {
        return SERVICES_SHARE;
    }

    public static AvroSingleObjectSerde<PilotProgress> pilotProgress() {
        return PILOT_PROGRESS;
    }

    public static AvroSingleObjectSerde<CapitalMix> capitalMix() {
        return CAPITAL_MIX;
    }

    public static AvroSingleObjectSerde<Alert> alert() {
        return ALERT;
    }
}
