package org.fdipulse.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * How the output topics' values are written ({@code fdi.output.format}): {@code avro}, single-object encoded as the
 * contract's section 2 says, or {@code json}, UTF-8 JSON in exactly the shapes of the HTTP API and {@code tail}, for
 * tools that cannot decode Avro without code (kcat, Kafka UI, Kafka Connect's JsonConverter, ksqlDB). Keys,
 * compaction and exactly-once are the same either way.
 */
public enum OutputFormat {
    AVRO, JSON;

    public static final String PROPERTY = "fdi.output.format";

    public static OutputFormat from(String value) {
        String name = value == null ? "AVRO" : value.trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " '" + value + "' is neither avro nor json");
        }
    }

    /** The serde of {@code output}'s values in this format. */
    public <V extends SpecificRecord> Serde<V> serde(OutputTopic<V> output) {
        return this == AVRO ? output.avro() : json(output::toJson);
    }

    /** Writes only: the job never reads its own output topics back through this serde. */
    private static <T> Serde<T> json(Function<T, ObjectNode> view) {
        return Serdes.serdeFrom((topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return JsonViews.MAPPER.writeValueAsBytes(view.apply(value));
            } catch (JsonProcessingException e) {
                throw new SerializationException("cannot write " + value + " as JSON", e);
            }
        }, (topic, bytes) -> {
            throw new UnsupportedOperationException("JSON outputs are written, not read, by the job");
        });
    }
}
