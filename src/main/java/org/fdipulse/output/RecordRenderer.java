package org.fdipulse.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.HashMap;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.avro.Schema;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.serde.ConfluentAvro;
import org.fdipulse.serde.registry.SchemaRegistryClient;
import org.fdipulse.serde.registry.UnknownSchemaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.fdipulse.serde.AvroSerdes;

/**
 * Renders a record of any of the job's topics as the JSON line {@code tail} prints: {@code {"key": K, "value": V}}.
 * The value is recognised by its schema fingerprint: output records take the shapes of contract section 5, input records
 * the shape {@code ingest} reads. A dead letter also shows its headers, and its value as base64 when the bytes do not
 * decode; a deleted value (tombstone) is null.
 */
public final class RecordRenderer {

    /** The outputs' records in their shapes, then the inputs' records as {@code ingest} takes them. */
    private static final List<Function<byte[], JsonNode>> DECODERS = decoders();
    /** Each record type by its schema's full name, for a registry-framed value: how it is shown. */
    private static final Map<String, SchemaShape<?>> BY_SCHEMA_NAME = schemaShapes();
    private static final RecordRenderer WITHOUT_REGISTRY = new RecordRenderer(Optional.empty());

    private final Optional<SchemaRegistryClient> registry;

    /** @param registry where to find the writer schemas of registry-framed values (contract section 11) */
    public RecordRenderer(Optional<SchemaRegistryClient> registry) {
        this.registry = registry;
    }

    /** A record type's reader schema and its JSON shape. */
    private record SchemaShape<V extends SpecificRecord>(Schema schema, Function<V, JsonNode> shape) {
        JsonNode render(byte[] bytes, SchemaRegistryClient registry) {
            return shape.apply(ConfluentAvro.<V>decode(bytes, schema, registry));
        }
    }

    private static Map<String, SchemaShape<?>> schemaShapes() {
        Map<String, SchemaShape<?>> shapes = new HashMap<>();
        for (OutputTopic<?> output : Outputs.EVERY) {
            shapes.put(output.schema().getFullName(), outputShape(output));
        }
        for (SpecificRecord input : List.<SpecificRecord>of(new InvestmentEvent(), new MeasureUpdate(), new FxRate())) {
            shapes.put(input.getSchema().getFullName(), new SchemaShape<SpecificRecord>(input.getSchema(), JsonViews::inputRecord));
        }
        return Map.copyOf(shapes);
    }

    private static <V extends SpecificRecord> SchemaShape<V> outputShape(OutputTopic<V> output) {
        return new SchemaShape<>(output.schema(), output::toJson);
    }

    private static List<Function<byte[], JsonNode>> decoders() {
        List<Function<byte[], JsonNode>> decoders = new ArrayList<>();
        Outputs.EVERY.forEach(output -> decoders.add(bytes -> decodeAsJson(output, bytes)));
        decoders.add(bytes -> JsonViews.inputRecord(AvroSerdes.investmentEvent().decode(bytes)));
        decoders.add(bytes -> JsonViews.inputRecord(AvroSerdes.measureUpdate().decode(bytes)));
        decoders.add(bytes -> JsonViews.inputRecord(AvroSerdes.fxRate().decode(bytes)));
        return List.copyOf(decoders);
    }

    private static <V extends SpecificRecord> JsonNode decodeAsJson(OutputTopic<V> output, byte[] bytes) {
        return output.toJson(output.avro().decode(bytes));
    }

    public static ObjectNode render(byte[] key, byte[] value, Headers headers) {
        return WITHOUT_REGISTRY.renderLine(key, value, headers);
    }

    public ObjectNode renderLine(byte[] key, byte[] value, Headers headers) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("key", key == null ? null : new String(key, StandardCharsets.UTF_8));
        line.set("value", registry.isPresent() && ConfluentAvro.isFramed(value) ? framed(value) : value(value));
        if (headers.lastHeader("error.reason") != null) {
            ObjectNode h = line.putObject("headers");
            for (Header header : headers) {
                if (!header.key().endsWith(".stacktrace")) {
                    h.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return line;
    }

    /** A registry-framed value, shown in its record's shape; as base64 when its schema is not one of the job's. */
    private JsonNode framed(byte[] bytes) {
        SchemaRegistryClient client = registry.orElseThrow();
        try {
            Schema writer = client.untilAvailable(() -> client.schemaById(ConfluentAvro.schemaId(bytes)));
            SchemaShape<?> shape = BY_SCHEMA_NAME.get(writer.getFullName());
            if (shape != null) {
                return shape.render(bytes, client);
            }
        } catch (UnknownSchemaException | SerializationException notOurs) {
            // shown as bytes below
        }
        return JsonNodeFactory.instance.objectNode().put("base64", Base64.getEncoder().encodeToString(bytes));
    }

    static JsonNode value(byte[] bytes) {
        if (bytes == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (bytes.length > 0 && bytes[0] == '{') { // JSON outputs (fdi.output.format=json) and JSON inputs, as they are
            try {
                return JsonViews.MAPPER.readTree(bytes);
            } catch (IOException notJson) {
                // shown as bytes below
            }
        }
        for (Function<byte[], JsonNode> decoder : DECODERS) {
            try {
                return decoder.apply(bytes);
            } catch (SerializationException notThisSchema) {
                // try the next record type
            }
        }
        return JsonNodeFactory.instance.objectNode().put("base64", Base64.getEncoder().encodeToString(bytes));
    }
}
