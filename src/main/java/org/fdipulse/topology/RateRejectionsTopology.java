package org.fdipulse.topology;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.metrics.PipelineCounters;
import org.fdipulse.rules.InputValidation;

/**
 * Dead-letters invalid FX rates (R6). It runs beside {@link PulseTopology} as its own Kafka Streams application
 * because the rates topic feeds the job's global rate book, and Kafka Streams lets a topic feed either a global
 * store or a stream in one topology, never both; a global store's processor cannot write dead letters either.
 * Valid rates need nothing more here: the rate book reads them itself. Its configuration:
 * {@link org.fdipulse.config.StreamsSettings#rateRejectionsConfig}.
 */
public final class RateRejectionsTopology {

    private RateRejectionsTopology() {
    }

    public static Topology build(PulseSettings settings, PipelineCounters counters) {
        return build(settings, counters, new DeadLetterLimit(settings.topics().deadLetter(), settings.deadLetterMaxBytes()));
    }

    /** @param deadLetterLimit shared with the application's {@link DeadLetterRefusals} ({@link DeadLetterLimit#CONFIG}) */
    public static Topology build(PulseSettings settings, PipelineCounters counters, DeadLetterLimit deadLetterLimit) {
        StreamsBuilder builder = new StreamsBuilder();
        InputValidation validation = new InputValidation(settings.reference());
        DeadLetters deadLetters = new DeadLetters(settings.topics().deadLetter(), counters, deadLetterLimit);
        PulseTopology.intake(builder, settings.topics().fxRates(), "fx-rates-source", deadLetters,
                deadLetters.routes("fx-rate-intake", null), routes -> new FxRateIntake(validation, settings.inputFormats(), routes));
        return builder.build();
    }
}
