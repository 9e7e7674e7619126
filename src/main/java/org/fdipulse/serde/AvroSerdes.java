package org.fdipulse.serde;

import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;

/**
 * One serde per input record of contract section 2 (the outputs' are in their entries, {@code output/Outputs}), each
 * built once: building one parses every shipped schema version, far too slow to do per record (the benchmark's
 * profile showed it). Avro's message encoders and decoders keep their buffers per thread, so the instances are safe
 * to share.
 */
public final class AvroSerdes {

    private static final AvroSingleObjectSerde<InvestmentEvent> INVESTMENT_EVENT =
            new AvroSingleObjectSerde<>(InvestmentEvent.getEncoder(), InvestmentEvent::createDecoder, "InvestmentEvent");
    private static final AvroSingleObjectSerde<MeasureUpdate> MEASURE_UPDATE =
            new AvroSingleObjectSerde<>(MeasureUpdate.getEncoder(), MeasureUpdate::createDecoder, "MeasureUpdate");
    private static final AvroSingleObjectSerde<FxRate> FX_RATE =
            new AvroSingleObjectSerde<>(FxRate.getEncoder(), FxRate::createDecoder, "FxRate");

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
}
