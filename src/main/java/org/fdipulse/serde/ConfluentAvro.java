package org.fdipulse.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.fdipulse.serde.registry.SchemaRegistryClient;
import org.fdipulse.serde.registry.UnknownSchemaException;

/**
 * Avro framed for a schema registry, as Confluent defined it (contract section 11): the byte {@code 0x00}, the schema's
 * registry id as 4 bytes big-endian, then the Avro binary body. A value is read with the writer schema the registry
 * holds for its id, resolved to the job's reader schema by the Avro specification's rules.
 */
public final class ConfluentAvro {

    public static final byte MAGIC = 0;
    private static final int HEADER_BYTES = 5;

    static {
        AvroGuards.install();
    }

    private ConfluentAvro() {
    }

    /** Whether the bytes start as a framed value does: the magic byte and room for an id. */
    public static boolean isFramed(byte[] bytes) {
        return bytes != null && bytes.length >= HEADER_BYTES && bytes[0] == MAGIC;
    }

    public static int schemaId(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    /** {@code value} framed with the id its schema has in the registry. */
    public static <T extends SpecificRecord> byte[] frame(int schemaId, T value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            bytes.write(MAGIC);
            bytes.write(ByteBuffer.allocate(4).putInt(schemaId).array());
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
            new SpecificDatumWriter<T>(value.getSchema()).write(value, encoder);
            encoder.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The framed value read as {@code reader}'s record. The writer schema comes from the registry (cached); while the
     * registry gives no answer, this waits ({@link SchemaRegistryClient#untilAvailable}).
     *
     * @throws SerializationException when the registry knows no schema of the id, or the writer schema does not
     *                                resolve to the reader's, or the body does not decode: the record is MALFORMED
     */
    public static <T extends SpecificRecord> T decode(byte[] bytes, Schema reader, SchemaRegistryClient registry) {
        int id = schemaId(bytes);
        Schema writer;
        try {
            writer = registry.untilAvailable(() -> registry.schemaById(id));
        } catch (UnknownSchemaException e) {
            throw new SerializationException(e.getMessage() + "; the record names a schema id the registry does not hold");
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES, null);
            T value = new SpecificDatumReader<T>(writer, reader).read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("schema id " + id + ": " + (bytes.length - HEADER_BYTES)
                        + " bytes of body, more than the writer schema " + writer.getFullName() + " reads");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException s) {
                throw s;
            }
            throw new SerializationException("schema id " + id + " (" + writer.getFullName() + ") does not resolve to "
                    + reader.getFullName() + " or the body does not decode with it: " + e.getMessage(), e);
        }
    }
}
