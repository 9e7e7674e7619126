package org.fdipulse.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Produced;
import org.fdipulse.serde.AvroSingleObjectSerde;

/**
 * Everything the job knows about one output topic, in one place (the registry is {@link Outputs}): the role that names
 * its setting {@code fdi.topic.<role>} and its sink, its default name, the live-feed event that carries its records, its
 * value type with the Avro serde of its schema, its JSON shape (contract section 5: {@code tail}, HTTP and
 * {@code fdi.output.format=json}), and how a record's key follows from its value. Every output topic is compacted: the
 * latest record per key is the current figure.
 *
 * @param <V> the Avro record the topic carries
 */
public final class OutputTopic<V extends SpecificRecord> {

    private final String role;
    private final String defaultName;
    private final String liveFeedEvent;
    private final Class<V> type;
    private final AvroSingleObjectSerde<V> avro;
    private final Function<V, ObjectNode> json;
    private final Function<V, String> keyOf;

    OutputTopic(String role, String defaultName, String liveFeedEvent, Class<V> type, BinaryMessageEncoder<V> encoder,
                Function<SchemaStore, BinaryMessageDecoder<V>> decoder, Function<V, ObjectNode> json,
                Function<V, String> keyOf) {
        this.role = role;
        this.defaultName = defaultName;
        this.liveFeedEvent = liveFeedEvent;
        this.type = type;
        this.avro = new AvroSingleObjectSerde<>(encoder, decoder, type.getSimpleName());
        this.json = json;
        this.keyOf = keyOf;
    }

    /** As in {@code fdi.topic.<role>}. */
    public String role() {
        return role;
    }

    public String defaultName() {
        return defaultName;
    }

    /** The name of the Server-Sent Event that carries the topic's records in {@code GET /api/v1/stream}. */
    public String liveFeedEvent() {
        return liveFeedEvent;
    }

    /** The name of the topology's sink node for the topic: a processor publishes to it by this name. */
    public String sinkName() {
        return role + "-sink";
    }

    /** Avro single-object encoding of the record, as the topic carries it by default and the job's stores keep it. */
    public AvroSingleObjectSerde<V> avro() {
        return avro;
    }

    public ObjectNode toJson(V value) {
        return json.apply(value);
    }

    /** The JSON shape of a value known to be of this topic's type (read back from a store), checked. */
    public ObjectNode toJsonChecked(Object value) {
        return json.apply(type.cast(value));
    }

    /** The record's key on the topic, which follows from the record's own fields. */
    public String keyOf(V value) {
        return keyOf.apply(value);
    }

    /**
     * How the topology writes the topic, in {@code format}, from a stream of several outputs' records: each record
     * arrives here only when it was published to this sink by name, so the cast below checks what the compiler checked
     * where it was published ({@code OutputSinks.publish}).
     */
    public Produced<String, SpecificRecord> produced(OutputFormat format) {
        Serde<V> serde = format.serde(this);
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
