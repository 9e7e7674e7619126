package org.fdipulse.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.fdipulse.serde.ConfluentAvro;
import org.fdipulse.serde.registry.RegistrySettings;
import org.fdipulse.serde.registry.SchemaRegistryClient;

/**
 * How the output topics' values are written ({@code fdi.output.format}): {@code avro}, single-object encoded as the
 * contract's section 2 says; {@code confluent-avro}, framed with the id of the schema under the subject
 * {@code <topic>-value} of a schema registry (section 11; {@link OutputSchemas} registers or finds them at start); or
 * {@code json}, UTF-8 JSON in exactly the shapes of the HTTP API and {@code tail}, for tools that cannot decode Avro
 * without code (kcat, Kafka UI, Kafka Connect's JsonConverter, ksqlDB). Keys, compaction and exactly-once are the same
 * in each.
 */
public enum OutputFormat {
    AVRO, CONFLUENT_AVRO, JSON;

    public static final String PROPERTY = "fdi.output.format";

    public static OutputFormat from(String value) {
        String name = value == null ? "AVRO" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " '" + value + "' is none of avro, confluent-avro and json");
        }
    }

    /**
     * The serde of {@code output}'s values in this format.
     *
     * @param registry the client of {@code schema.registry.url}; needed by {@code confluent-avro} alone
     */
    public <V extends SpecificRecord> Serde<V> serde(OutputTopic<V> output, Optional<SchemaRegistryClient> registry) {
        return switch (this) {
            case AVRO -> output.avro();
            case JSON -> json(output::toJson);
            case CONFLUENT_AVRO -> framed(registry.orElseThrow(() -> new IllegalArgumentException(PROPERTY
                    + "=confluent-avro needs " + RegistrySettings.URL + "; give the registry's URL")));
        };
    }

    /** The id of the value's schema under {@code <topic>-value}: cached since {@link OutputSchemas} found it at start. */
    private static <T extends SpecificRecord> Serde<T> framed(SchemaRegistryClient registry) {
        return Serdes.serdeFrom((topic, value) -> value == null ? null
                        : ConfluentAvro.frame(registry.untilAvailable(() -> OutputSchemas.idOf(registry, topic, value.getSchema())), value),
                (topic, bytes) -> {
                    throw new UnsupportedOperationException("registry-framed outputs are written, not read, by the job");
                });
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
