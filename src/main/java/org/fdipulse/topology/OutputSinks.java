package org.fdipulse.topology;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.output.OutputTopic;

/**
 * How a processor that publishes several outputs reaches each one's topic: it forwards each record to the sink of its
 * output by name ({@link #publish}), typed by the output's entry, so the compiler checks that a record goes to the topic
 * of its type, and the sinks are attached from the same entries ({@link #attach}). No demultiplexing downstream.
 */
final class OutputSinks {

    private OutputSinks() {
    }

    /** Writes {@code value} to {@code output}'s topic under the key that follows from it. */
    static <V extends SpecificRecord> void publish(ProcessorContext<String, SpecificRecord> context, OutputTopic<V> output,
                                                   V value, long timestamp) {
        context.forward(new Record<>(output.keyOf(value), value, timestamp), output.sinkName());
    }

    /** Writes a tombstone for {@code key} to {@code output}'s topic: the figure it held is no longer defined. */
    static void delete(ProcessorContext<String, SpecificRecord> context, OutputTopic<?> output, String key, long timestamp) {
        context.forward(new Record<>(key, null, timestamp), output.sinkName());
    }

    /**
     * The records a processor forwards by name to {@code childName} for a step of its own, beside its outputs: a
     * child of the processor, typed (checked) as what it is sent.
     */
    static <V extends SpecificRecord> KStream<String, V> child(KStream<String, SpecificRecord> published, String childName,
                                                              Class<V> type) {
        return published.mapValues(type::cast, Named.as(childName));
    }

    /** A sink per output, each a child of the processor whose stream {@code published} is, named as {@link #publish} expects. */
    static void attach(KStream<String, SpecificRecord> published, List<OutputTopic<?>> outputs, PulseSettings settings) {
        outputs.forEach(output -> published.to(settings.topics().name(output), output.produced(settings.outputFormat(), settings.registry())));
    }
}
