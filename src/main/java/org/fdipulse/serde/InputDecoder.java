package org.fdipulse.serde;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads an input record's bytes in the formats the deployment accepts ({@link InputFormats}): Avro single-object
 * encoding (first byte {@code C3}), registry-framed Avro (first byte {@code 00}, the writer schema fetched by id) and a
 * UTF-8 JSON object read with {@code ingest}'s field mapping ({@link JsonToAvro}: unknown fields ignored, enum symbols
 * exact). Their first bytes never agree, so nothing is read in the wrong format. Anything else — a value in none of
 * the listed formats, JSON the schema cannot hold, an id the registry does not know — does not decode, and the job
 * dead-letters it as MALFORMED. A registry that gives no answer is not the record's fault: decoding waits for it.
 */
public final class InputDecoder<T extends SpecificRecordBase> {

    private final AvroSingleObjectSerde<T> avro;
    private final Supplier<T> newRecord;
    private final InputFormats formats;
    private final Schema reader;

    public InputDecoder(AvroSingleObjectSerde<T> avro, Supplier<T> newRecord, InputFormats formats) {
        this.avro = avro;
        this.newRecord = newRecord;
        this.formats = formats;
        this.reader = newRecord.get().getSchema();
    }

    /** @throws SerializationException when the bytes are in none of the accepted formats, or do not decode in theirs */
    public T decode(byte[] bytes) {
        if (formats.json() && looksLikeJsonObject(bytes)) {
            try {
                return JsonToAvro.read(new String(bytes, StandardCharsets.UTF_8), newRecord);
            } catch (JsonToAvro.InvalidLineException e) {
                throw new SerializationException("a JSON value the schema cannot hold (" + e.problem() + "): " + e.getMessage());
            }
        }
        if (formats.confluentAvro() && ConfluentAvro.isFramed(bytes)) {
            return ConfluentAvro.decode(bytes, reader, formats.registry().orElseThrow());
        }
        if (!formats.avro()) {
            throw new SerializationException("not a value in the formats " + InputFormats.PROPERTY + " lists (" + formats + ")");
        }
        return avro.decode(bytes);
    }

    private static boolean looksLikeJsonObject(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{';
            }
        }
        return false;
    }
}
