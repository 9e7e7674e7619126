package org.fdipulse.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fdipulse.output.OutputTopic;
import org.fdipulse.output.Outputs;
import org.fdipulse.testing.OpenApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /openapi.json} cannot drift from the server: the routes {@link PulseHttpServer#configure} declares (Javalin
 * reports each as it is added) are exactly the document's paths and methods, {@code /internal/…} aside; every parameter
 * has an example its schema accepts, every error answer is {@code {"error": …}}, and the live feed's events are the
 * outputs' events. {@code HttpApiIT} then asks a running job every documented path with those examples.
 */
@DisplayName("the OpenAPI document lists exactly the server's public routes, with examples and error bodies")
class OpenApiDocumentTest {

    private static final OpenApi OPEN_API = OpenApi.fromResources();
    private static final Set<String> DECLARED = new TreeSet<>();
    private static QueryPool pool;
    private static Javalin javalin;

    @BeforeAll
    static void declare() {
        pool = new QueryPool(1, 1, Duration.ofSeconds(5), new SimpleMeterRegistry());
        // no job: declaring the routes reaches none of the parts but the query pool (PulseHttpServer.configure)
        PulseHttpServer.Parts parts = new PulseHttpServer.Parts(null, null, null, null, null, pool, null);
        javalin = Javalin.create(config -> {
            config.events.handlerAdded(route -> {
                if (route.getHttpMethod().isHttpMethod()) {
                    DECLARED.add(route.getHttpMethod().name() + " " + route.getPath());
                }
            });
            PulseHttpServer.configure(config, parts);
        });
        javalin.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        javalin.stop();
        pool.close();
    }

    @Test
    @DisplayName("every declared route but /internal/… is documented, and every documented one is declared")
    void sameRoutes() {
        TreeSet<String> publicRoutes = new TreeSet<>(DECLARED);
        publicRoutes.removeIf(route -> route.split(" ", 2)[1].startsWith("/internal/"));
        assertTrue(publicRoutes.size() < DECLARED.size(), "the store endpoints between instances are declared: " + DECLARED);
        TreeSet<String> documented = OPEN_API.routes();
        TreeSet<String> undocumented = new TreeSet<>(publicRoutes);
        undocumented.removeAll(documented);
        TreeSet<String> undeclared = new TreeSet<>(documented);
        undeclared.removeAll(publicRoutes);
        assertTrue(undocumented.isEmpty() && undeclared.isEmpty(), "declared in PulseHttpServer but missing from"
                + " src/main/resources/openapi.json: " + undocumented + "; documented there but declared by no route: " + undeclared);
    }

    @Test
    @DisplayName("OpenAPI 3.1; every path parameter declared with an example its schema accepts, every other parameter too")
    void parametersAndExamples() {
        assertTrue(OPEN_API.document().path("openapi").asText().startsWith("3.1."), "OpenAPI 3.1");
        List<String> problems = new ArrayList<>();
        for (OpenApi.Operation op : OPEN_API.operations()) {
            List<String> declaredInPath = new ArrayList<>();
            op.parameters("path").forEach(p -> declaredInPath.add(p.path("name").asText()));
            if (!declaredInPath.equals(op.pathParameters())) {
                problems.add(op.route() + ": path parameters " + declaredInPath + ", the path has " + op.pathParameters());
            }
            op.spec().path("parameters").forEach(p -> {
                String name = op.route() + " " + p.path("in").asText() + " " + p.path("name").asText();
                if ("path".equals(p.path("in").asText()) && !p.path("required").asBoolean()) {
                    problems.add(name + ": a path parameter is required");
                }
                if (!p.has("example") || !p.has("schema")) {
                    problems.add(name + ": no example or no schema");
                } else {
                    OPEN_API.problems(p.get("example"), p.get("schema")).forEach(x -> problems.add(name + " example: " + x));
                }
            });
            if (!op.spec().path("responses").has("200")) {
                problems.add(op.route() + ": no 200 answer");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    @DisplayName("every 400, 404 and 503 answer is {\"error\": …}; a 503 of a query says Retry-After")
    void errorBodies() {
        List<String> problems = new ArrayList<>();
        JsonNode error = OPEN_API.document().at("/components/schemas/Error");
        assertEquals(List.of(), OPEN_API.problems(json("{\"error\": \"quarter 'x' is not of the form YYYY-Qn\"}"), error));
        assertFalse(OPEN_API.problems(json("{}"), error).isEmpty(), "an error has its reason");
        for (OpenApi.Operation op : OPEN_API.operations()) {
            for (int status : List.of(400, 404, 503)) {
                if (!op.spec().path("responses").has(String.valueOf(status)) || op.path().startsWith("/health")) {
                    continue; // /health and /health/ready answer 503 with their state instead
                }
                JsonNode schema = op.responseSchema(status, "application/json");
                if (schema == null || !"#/components/schemas/Error".equals(schema.path("$ref").asText())) {
                    problems.add(op.route() + " " + status + ": not the Error body");
                }
                if (status == 503 && !op.spec().path("responses").path("503").path("headers").has("Retry-After")) {
                    problems.add(op.route() + " 503: no Retry-After");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    @DisplayName("every schema's example matches it; amounts are 2-decimal strings, ratios numbers or null")
    void schemas() {
        List<String> problems = new ArrayList<>();
        OPEN_API.document().at("/components/schemas").fields().forEachRemaining(s -> {
            if (s.getValue().has("example")) {
                OPEN_API.problems(s.getValue().get("example"), s.getValue()).forEach(p -> problems.add(s.getKey() + ": " + p));
            }
        });
        assertEquals(List.of(), problems);
        JsonNode amount = OPEN_API.document().at("/components/schemas/Amount");
        assertEquals(List.of(), OPEN_API.problems(json("\"0.00\""), amount));
        assertFalse(OPEN_API.problems(json("12.5"), amount).isEmpty(), "an amount is never a number");
        assertFalse(OPEN_API.problems(json("\"12.5\""), amount).isEmpty(), "an amount has 2 decimals");
        JsonNode ratio = OPEN_API.document().at("/components/schemas/Ratio");
        assertEquals(List.of(), OPEN_API.problems(json("null"), ratio));
        assertEquals(List.of(), OPEN_API.problems(json("-0.1075"), ratio));
        assertFalse(OPEN_API.problems(json("\"0.7\""), ratio).isEmpty(), "a ratio is never a string");
    }

    @Test
    @DisplayName("the live feed's documented events are the outputs' events")
    void liveFeedEvents() {
        JsonNode events = OPEN_API.document().at("/paths/~1api~1v1~1stream/get/responses/200/content/text~1event-stream/x-events");
        assertNotNull(events);
        Set<String> documented = new TreeSet<>();
        events.fieldNames().forEachRemaining(documented::add);
        Set<String> sent = new TreeSet<>();
        for (OutputTopic<?> output : Outputs.EVERY) {
            sent.add(output.liveFeedEvent());
        }
        assertEquals(sent, documented);
        assertEquals(Set.of("services-share", "sector-summary", "pilot-progress", "capital-mix", "alert", "impact", "source-mix"), sent);
        events.fields().forEachRemaining(e -> OPEN_API.resolve(e.getValue().get("value")));
    }

    @Test
    @DisplayName("GET /openapi.json serves the document; the dashboard links to it")
    void served() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + javalin.port() + OpenApiDocument.PATH))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        assertArrayEquals(OpenApiDocument.bytes(), r.body());
        String dashboard = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + javalin.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(dashboard.contains("href=\"openapi.json\""), "the dashboard links to the API's document");
    }

    private static JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
