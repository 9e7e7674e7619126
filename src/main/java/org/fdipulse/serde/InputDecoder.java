package org.fdipulse.serde;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads an input record's bytes in the formats the deployment accepts ({@code fdi.input.formats}): always Avro
 * single-object encoding, and, with {@code json}, a UTF-8 JSON object read with {@code ingest}'s field mapping
 * ({@link JsonToAvro}: unknown fields ignored, enum symbols exact). The two cannot be confused: single-object
 * encoding starts with the byte {@code C3}, which no JSON text does. Anything else — or JSON the schema cannot hold
 * — does not decode, and the job dead-letters it as MALFORMED.
 */
public final class InputDecoder<T extends SpecificRecordBase> {

    public static final String FORMATS = "fdi.input.formats";
    public static final String AVRO = "avro";
    public static final String JSON = "json";

    private final AvroSingleObjectSerde<T> avro;
    private final Supplier<T> newRecord;
    private final boolean acceptsJson;

    public InputDecoder(AvroSingleObjectSerde<T> avro, Supplier<T> newRecord, boolean acceptsJson) {
        this.avro = avro;
        this.newRecord = newRecord;
        this.acceptsJson = acceptsJson;
    }

    /** {@code avro} or {@code avro,json} (in any order, case-insensitive); whether JSON is accepted. */
    public static boolean acceptsJson(String formats) {
        Set<String> given = Set.of(formats.trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        if (!given.contains(AVRO) || !Set.of(AVRO, JSON).containsAll(given)) {
            throw new IllegalArgumentException(FORMATS + " '" + formats + "' is neither avro nor avro,json");
        }
        return given.contains(JSON);
    }

    /** @throws SerializationException when the bytes are neither a known Avro record nor (if accepted) a JSON one */
    public T decode(byte[] bytes) {
        if (acceptsJson && looksLikeJsonObject(bytes)) {
            try {
                return JsonToAvro.read(new String(bytes, StandardCharsets.UTF_8), newRecord);
            } catch (JsonToAvro.InvalidLineException e) {
                throw new SerializationException("a JSON value the schema cannot hold (" + e.problem() + "): " + e.getMessage());
            }
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
