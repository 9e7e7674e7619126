package org.fdipulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job's OpenAPI document ({@code src/main/resources/openapi.json}) as the tests read it: its operations, a request
 * for each built from its {@code example} values, and a check of a JSON answer against a schema of the document. The
 * check covers the part of JSON Schema the document uses: {@code $ref}, {@code type} (one or several),
 * {@code properties}, {@code required}, {@code additionalProperties}, {@code propertyNames}, {@code items},
 * {@code enum}, {@code const}, {@code pattern}, {@code minimum}, {@code minLength}, {@code anyOf}. A keyword it does not
 * know fails the check, so the document cannot promise what no test holds.
 */
public final class OpenApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final java.util.Set<String> KNOWN = java.util.Set.of("$ref", "type", "properties", "required",
            "additionalProperties", "propertyNames", "items", "enum", "const", "pattern", "minimum", "minLength", "anyOf",
            "description", "example", "format");

    private final JsonNode document;

    public OpenApi(JsonNode document) {
        this.document = document;
    }

    /** The document in the jar's resources (the test class path). */
    public static OpenApi fromResources() {
        try (InputStream in = OpenApi.class.getClassLoader().getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("no openapi.json on the class path");
            }
            return new OpenApi(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** One method of one path. */
    public record Operation(String method, String path, JsonNode spec) {

        /** {@code GET /api/v1/…} */
        public String route() {
            return method + " " + path;
        }

        public List<String> pathParameters() {
            List<String> names = new ArrayList<>();
            Matcher m = PATH_PARAMETER.matcher(path);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        public List<JsonNode> parameters(String in) {
            List<JsonNode> out = new ArrayList<>();
            spec.path("parameters").forEach(p -> {
                if (in.equals(p.path("in").asText())) {
                    out.add(p);
                }
            });
            return out;
        }

        /**
         * The path with every path parameter replaced by its example, and every required query parameter given its
         * example: a request the document says a running job with data answers 200.
         */
        public String exampleRequest() {
            String uri = path;
            for (JsonNode p : parameters("path")) {
                uri = uri.replace("{" + p.path("name").asText() + "}", encode(p.path("example").asText()));
            }
            List<String> query = new ArrayList<>();
            for (JsonNode p : parameters("query")) {
                if (p.path("required").asBoolean()) {
                    query.add(p.path("name").asText() + "=" + encode(p.path("example").asText()));
                }
            }
            return query.isEmpty() ? uri : uri + "?" + String.join("&", query);
        }

        /** The schema of the answer with this status and media type, or null when the document gives none. */
        public JsonNode responseSchema(int status, String mediaType) {
            JsonNode schema = spec.path("responses").path(String.valueOf(status)).path("content").path(mediaType).path("schema");
            return schema.isMissingNode() ? null : schema;
        }

        public Iterator<String> mediaTypes(int status) {
            return spec.path("responses").path(String.valueOf(status)).path("content").fieldNames();
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    public List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method ->
                out.add(new Operation(method.getKey().toUpperCase(), path.getKey(), method.getValue()))));
        return out;
    }

    /** {@code GET /path} of every operation, sorted. */
    public TreeSet<String> routes() {
        TreeSet<String> routes = new TreeSet<>();
        operations().forEach(o -> routes.add(o.route()));
        return routes;
    }

    /** A schema of the document: a {@code $ref} such as {@code #/components/schemas/Amount} resolved. */
    public JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int hops = 0; s.has("$ref"); hops++) {
            String ref = s.get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 20) {
                throw new IllegalArgumentException("unsupported $ref " + ref);
            }
            JsonNode target = document.at(ref.substring(1));
            if (target.isMissingNode()) {
                throw new IllegalArgumentException("$ref " + ref + " points nowhere");
            }
            s = target;
        }
        return s;
    }

    /** What in {@code value} does not match {@code schema}: empty when it matches. */
    public List<String> problems(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode schemaOrRef, String at, List<String> problems) {
        JsonNode schema = resolve(schemaOrRef);
        for (Iterator<String> keys = schema.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KNOWN.contains(key)) {
                problems.add(at + ": the schema uses '" + key + "', which this check does not know");
            }
        }
        if (schema.has("anyOf")) {
            for (JsonNode option : schema.get("anyOf")) {
                if (problems(value, option).isEmpty()) {
                    return;
                }
            }
            problems.add(at + ": matches none of anyOf: " + value);
            return;
        }
        if (schema.has("type")) {
            List<String> types = new ArrayList<>();
            if (schema.get("type").isArray()) {
                schema.get("type").forEach(t -> types.add(t.asText()));
            } else {
                types.add(schema.get("type").asText());
            }
            if (types.stream().noneMatch(t -> isOfType(value, t))) {
                problems.add(at + ": " + typeOf(value) + " " + abbreviated(value) + ", want " + types);
                return;
            }
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(at + ": " + value + " is not " + schema.get("const"));
        }
        if (value.isTextual()) {
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
                problems.add(at + ": \"" + value.asText() + "\" does not match " + schema.get("pattern").asText());
            }
            if (schema.has("minLength") && value.asText().codePointCount(0, value.asText().length()) < schema.get("minLength").asInt()) {
                problems.add(at + ": shorter than " + schema.get("minLength").asInt());
            }
        }
        if (value.isNumber() && schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
            problems.add(at + ": " + value + " is below " + schema.get("minimum"));
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), at + "[" + i + "]", problems);
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            schema.path("required").forEach(name -> {
                if (!value.has(name.asText())) {
                    problems.add(at + ": no '" + name.asText() + "'");
                }
            });
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (schema.has("propertyNames")) {
                    check(JSON.getNodeFactory().textNode(name), schema.get("propertyNames"), at + " key '" + name + "'", problems);
                }
                if (properties.has(name)) {
                    check(field.getValue(), properties.get(name), at + "." + name, problems);
                } else if (schema.has("additionalProperties")) {
                    JsonNode additional = schema.get("additionalProperties");
                    if (additional.isBoolean()) {
                        if (!additional.asBoolean()) {
                            problems.add(at + ": '" + name + "' is not in the schema");
                        }
                    } else {
                        check(field.getValue(), additional, at + "." + name, problems);
                    }
                }
            }
        }
    }

    private static boolean isOfType(JsonNode value, String type) {
        return switch (type) {
            case "null" -> value.isNull();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> value.isNumber();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static String typeOf(JsonNode value) {
        return value.getNodeType().name().toLowerCase();
    }

    private static String abbreviated(JsonNode value) {
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
