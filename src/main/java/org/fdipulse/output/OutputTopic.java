package org.fdipulse.output;

import java.util.Optional;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Produced;
import org.fdipulse.serde.registry.SchemaRegistryClient;
import org.fdipulse.serde.AvroSingleObjectSerde;

/**
 * Everything the job knows about one output topic, in one place (the registry is {@link Outputs}). Every output
 * topic is compacted: the latest record per key is the current figure.
 *
 * @param role          names its setting {@code fdi.topic.<role>} and its sink
 * @param defaultName   the topic's name unless the setting names another
 * @param liveFeedEvent the Server-Sent Event that carries its records in {@code GET /api/v1/stream}
 * @param type          the Avro record it carries
 * @param avro          the record's Avro single-object encoding, as the topic carries it by default and stores keep it
 * @param json          its JSON shape (contract section 5): {@code tail}, HTTP and {@code fdi.output.format=json}
 * @param key           how a record's key on the topic follows from the record's own fields
 * @param <V>           the Avro record the topic carries
 */
public record OutputTopic<V extends SpecificRecord>(String role, String defaultName, String liveFeedEvent, Class<V> type,
                                                    AvroSingleObjectSerde<V> avro, Function<V, ObjectNode> json,
                                                    Function<V, String> key) {

    static <V extends SpecificRecord> OutputTopic<V> of(String role, String defaultName, String liveFeedEvent,
                                                        Class<V> type, BinaryMessageEncoder<V> encoder,
                                                        Function<SchemaStore, BinaryMessageDecoder<V>> decoder,
                                                        Function<V, ObjectNode> json, Function<V, String> key) {
        return new OutputTopic<>(role, defaultName, liveFeedEvent, type,
                new AvroSingleObjectSerde<>(encoder, decoder, type.getSimpleName()), json, key);
    }

    /** The current schema of the topic's values: the generated class's. */
    public org.apache.avro.Schema schema() {
        return org.apache.avro.specific.SpecificData.get().getSchema(type);
    }

    /** The name of the topology's sink node for the topic: a processor publishes to it by this name. */
    public String sinkName() {
        return role + "-sink";
    }

    public ObjectNode toJson(V value) {
        return json.apply(value);
    }

    /** The JSON shape of a value known to be of this topic's type (read back from a store), checked. */
    public ObjectNode toJsonChecked(Object value) {
        return json.apply(type.cast(value));
    }

    /** The record's key on the topic. */
    public String keyOf(V value) {
        return key.apply(value);
    }

    /**
     * How the topology writes the topic, in {@code format}, from a stream of several outputs' records: each record
     * arrives here only when it was published to this sink by name, so the cast below checks what the compiler checked
     * where it was published ({@code OutputSinks.publish}).
     */
    public Produced<String, SpecificRecord> produced(OutputFormat format, Optional<SchemaRegistryClient> registry) {
        Serde<V> serde = format.serde(this, registry);
        return Produced.<String, SpecificRecord>with(Serdes.String(), Serdes.serdeFrom(
                        (topic, value) -> serde.serializer().serialize(topic, type.cast(value)),
                        (topic, bytes) -> serde.deserializer().deserialize(topic, bytes)))
                .withName(sinkName());
    }

    @Override
    public String toString() {
        return role;
    }
}
