package org.fdipulse.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding (marker {@code C3 01}, the writer schema's CRC-64-AVRO fingerprint, the binary body)
 * for one generated record class. Reads bytes written with the current schema or any older version the project
 * ships (see {@link SchemaHistory}); writes the current schema.
 */
public final class AvroSingleObjectSerde<T extends SpecificRecord> implements Serde<T> {

    static {
        AvroGuards.install();
    }

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    /**
     * @param encoder        the generated class's {@code getEncoder()}
     * @param decoderFactory the generated class's {@code createDecoder}
     * @param recordName     the simple record name, to find its shipped older versions
     */
    public AvroSingleObjectSerde(BinaryMessageEncoder<T> encoder,
                                 Function<SchemaStore, BinaryMessageDecoder<T>> decoderFactory,
                                 String recordName) {
        this.encoder = encoder;
        this.decoder = decoderFactory.apply(SchemaHistory.storeOf(recordName));
    }

    public byte[] encode(T value) {
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws SerializationException when the bytes are not a single-object encoded record of a known version */
    public T decode(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("not a single-object encoded record of a known schema version: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }
}
