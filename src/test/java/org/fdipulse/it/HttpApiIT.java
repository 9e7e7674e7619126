package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.fdipulse.keys.ScopeFocusArea;
import org.fdipulse.keys.ScopeQuarter;
import org.fdipulse.keys.SectorCell;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.ImpactComparison;
import org.fdipulse.testing.OpenApi;
import org.fdipulse.topology.PulseTopology;
import org.fdipulse.testing.Describe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * contract section 5 on a real broker: two instances of one job (same application.id, four partitions) each answer every
 * query with the figures of {@link ContractModel}, whichever instance holds the key; 400 and 404 where the contract
 * says; the live feed sends an event when new input changes a figure. And what each answer costs, from the counters
 * in {@code /metrics}: a question about one scope is one store read, and a question that spans the scopes makes at most
 * one call to the other instance.
 */
@DisplayName("HTTP API on two instances of the job, against the contract model")
class HttpApiIT {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("every endpoint answers exactly the model's figures from both instances, with the contract's 400/404")
    void everyEndpointFromBothInstances() throws Exception {
        // R11: the source economies are those of RandomScenario's events; an event without one counts as unspecified
        RandomData data = RandomData.generate("http", 1500, 5);
        ContractModel model = data.model();

        Deployment d = new Deployment("http");
        d.ingest("fx-rates", data.rates());
        d.ingest("investments", data.investments());
        d.ingest("measures", data.measures());
        int portA = Deployment.freePort();
        int portB = Deployment.freePort();
        try (Jar.Running a = d.run("USD", portA); Jar.Running b = d.run("USD", portB)) {
            Map<String, String> shares = model.shares();
            d.awaitTopic(d.outputTopic("services-share", "USD"), Describe::shareJson, shares::equals, a);
            d.awaitTopic(d.outputTopic("pilot-progress", "USD"), Describe::progressJson, model.progress()::equals, a);
            d.awaitTopic(d.outputTopic("capital-mix", "USD"), Describe::capitalMixJson, model.capitalMix()::equals, a);
            d.awaitTopic(d.outputTopic("source-mix", "USD"), Describe::sourceMixJson, model.sourceMix()::equals, a);
            JobHttp.awaitHealthy(portA, a);
            JobHttp.awaitHealthy(portB, b);
            double remoteCalls = 0;
            for (int port : List.of(portA, portB)) {
                remoteCalls += assertRequestCosts(port, model);
                assertShares(port, shares);
                assertSharesOfScope(port, shares);
                assertInvestments(port, model.sectorCells());
                assertProgress(port, model.progress());
                assertDeadLetters(port, model.deadLetters());
                assertCapitalMix(port, model.capitalMix());
                assertSourceMix(port, model.sourceMix());
                assertAlerts(port, model.firingAlerts());
                assertDiscovery(port, shares);
                assertErrors(port);
                assertDocumentedAnswers(port);
                assertTrue(JobHttp.get(port, "/metrics").body().contains("fdi_dead_letters_total"), "job counters in /metrics");
                assertTrue(JobHttp.get(port, "/metrics").body().contains("kafka_stream"), "Kafka Streams metrics in /metrics");
                assertTrue(JobHttp.get(port, "/").body().contains("fdi-pulse"), "the dashboard");
            }
            assertTrue(remoteCalls > 0, "the two instances share the scopes, so some answer needed the other instance");
            assertBatchEndpointGuarded(List.of(portA, portB), d.internalToken, shares);
            assertLiveFeed(d, portB);
        }
    }

    private void assertShares(int port, Map<String, String> expected) throws Exception {
        assertScopeQuarterRecords(port, expected, "/api/v1/services-share", Describe::shareJson);
    }

    /** GET /api/v1/services-share/{scope}: every record of the scope, in quarter order. */
    private void assertSharesOfScope(int port, Map<String, String> expected) throws Exception {
        Map<String, List<String>> byScope = new TreeMap<>();
        expected.forEach((key, value) -> byScope.computeIfAbsent(ScopeQuarter.decode(key).scope(), s -> new ArrayList<>()).add(key));
        for (var scope : byScope.entrySet()) {
            HttpResponse<String> r = JobHttp.get(port, "/api/v1/services-share/" + scope.getKey());
            assertEquals(200, r.statusCode(), r.body());
            List<String> quarters = new ArrayList<>();
            for (JsonNode share : JSON.readTree(r.body())) {
                String key = scope.getKey() + "|" + share.get("quarter").asText();
                assertEquals(expected.get(key), Describe.shareJson(share), "port " + port + " " + key);
                quarters.add(key);
            }
            assertEquals(scope.getValue(), quarters, "every quarter of " + scope.getKey() + ", in order");
        }
        assertEquals(404, JobHttp.get(port, "/api/v1/services-share/atlantis").statusCode());
    }

    /** The counters of {@code /metrics} that say what the queries of an instance read, and where. */
    private record Cost(double localReads, double remoteReads, double remoteCalls) {
        double reads() {
            return localReads + remoteReads;
        }

        Cost minus(Cost before) {
            return new Cost(localReads - before.localReads, remoteReads - before.remoteReads, remoteCalls - before.remoteCalls);
        }
    }

    private static Cost costSoFar(int port) throws Exception {
        String scrape = JobHttp.get(port, "/metrics").body();
        return new Cost(counter(scrape, "fdi_http_store_reads_total{where=\"local\"}"),
                counter(scrape, "fdi_http_store_reads_total{where=\"remote\"}"), counter(scrape, "fdi_http_remote_calls_total"));
    }

    private static double counter(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .orElseThrow(() -> new AssertionError("no " + series + " in /metrics: "
                        + scrape.substring(0, Math.min(scrape.length(), 600))));
    }

    /**
     * One request of each endpoint, answered as the model says, and what it cost the instance asked (nothing else
     * queries it meanwhile): a question about one scope reads one key or prefix, wherever it lives; one that spans
     * the scopes reads a key per scope (ALL and every city of the reference data) with at most one call to the other
     * instance, whatever number of its keys that instance holds. Returns the calls made, so that the test can check
     * that some answer did need the other instance.
     */
    private double assertRequestCosts(int port, ContractModel model) throws Exception {
        Map<String, ExpectedAnswers.Answer> answers = ExpectedAnswers.of(model);
        JsonNode cities = JSON.readTree(JobHttp.get(port, "/api/v1/reference").body()).get("cities");
        int scopes = 1 + cities.size();
        int pilotScopes = 1;
        for (JsonNode city : cities) {
            pilotScopes += city.get("pilot").asBoolean() ? 1 : 0;
        }
        String quarter = model.shares().keySet().stream().filter(k -> k.startsWith("ALL|")).map(k -> ScopeQuarter.decode(k).quarter())
                .max(String::compareTo).orElseThrow();
        SectorCell cell = SectorCell.decode(model.sectorCells().keySet().iterator().next());
        String pilot = ScopeFocusArea.decode(model.progress().keySet().iterator().next()).scope();
        Map<String, Integer> readsOf = new LinkedHashMap<>();
        readsOf.put("/api/v1/services-share/ALL/" + quarter, 1);
        readsOf.put("/api/v1/capital-mix/ALL/" + quarter, 1);
        readsOf.put("/api/v1/source-mix/ALL/" + quarter, 1);
        readsOf.put("/api/v1/services-share/ALL", 1);
        readsOf.put("/api/v1/quarters", 1);
        readsOf.put("/api/v1/investments/" + cell.city() + "/" + cell.quarter(), 1);
        readsOf.put("/api/v1/pilot/progress/" + pilot, 1);
        readsOf.put("/api/v1/alerts?scope=ALL", 1);
        readsOf.put("/api/v1/services-share?quarter=" + quarter, scopes);
        readsOf.put("/api/v1/capital-mix?quarter=" + quarter, scopes);
        readsOf.put("/api/v1/source-mix?quarter=" + quarter, scopes);
        readsOf.put("/api/v1/alerts", scopes);
        readsOf.put("/api/v1/pilot/progress", pilotScopes);
        readsOf.put("/api/v1/dead-letters", null);   // a key per rejection reason
        readsOf.put("/api/v1/impact", 1);             // every estimate lives in one task: one scan
        double calls = 0;
        for (var e : readsOf.entrySet()) {
            String path = e.getKey();
            Cost before = costSoFar(port);
            HttpResponse<String> r = JobHttp.get(port, path);
            Cost cost = costSoFar(port).minus(before);
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            ExpectedAnswers.Answer expected = answers.get(path);
            if (expected != null) {
                assertEquals(expected.figures(), ExpectedAnswers.describe(path, JSON.readTree(r.body())), "port " + port + " " + path);
            }
            if (e.getValue() != null) {
                assertEquals(e.getValue().doubleValue(), cost.reads(), "port " + port + " " + path + ": store reads " + cost);
            }
            assertTrue(cost.remoteCalls() <= 1, "port " + port + " " + path + ": at most one call to the other instance " + cost);
            assertTrue(cost.remoteReads() <= cost.reads() && (cost.remoteReads() == 0) == (cost.remoteCalls() == 0),
                    "port " + port + " " + path + ": the other instance's reads travel in that one call " + cost);
            calls += cost.remoteCalls();
            System.out.printf("[measured] port %d %s: %.0f store reads, %.0f of them by the other instance in %.0f calls%n",
                    port, path, cost.reads(), cost.remoteReads(), cost.remoteCalls());
        }
        assertImpact(port, model);
        return calls;
    }

    /** GET /api/v1/impact (R10): every estimate the model defines, in the contract's order, from either instance. */
    private void assertImpact(int port, ContractModel model) throws Exception {
        JsonNode impact = JSON.readTree(JobHttp.get(port, "/api/v1/impact").body());
        Map<String, JsonNode> byKey = new TreeMap<>();
        List<Integer> eventTimes = new ArrayList<>();
        impact.get("eventStudy").forEach(e -> {
            byKey.put("event|" + e.get("eventTime").asInt(), e);
            eventTimes.add(e.get("eventTime").asInt());
        });
        List<String> cells = new ArrayList<>();
        impact.get("cells").forEach(c -> {
            byKey.put("cell|" + c.get("cohort").asText() + "|" + c.get("quarter").asText(), c);
            cells.add(c.get("cohort").asText() + "|" + c.get("quarter").asText());
        });
        if (!impact.get("overall").isNull()) {
            byKey.put("overall", impact.get("overall"));
        }
        assertEquals(List.of(), ImpactComparison.differences(model.programmeImpact(), byKey, "USD"), "port " + port + " /api/v1/impact");
        assertEquals(eventTimes.stream().sorted().toList(), eventTimes, "the event study by event time");
        assertEquals(cells.stream().sorted().toList(), cells, "cells by cohort, then quarter (four-digit years sort as text)");
        assertEquals("USD", impact.get("currency").asText());
        assertTrue(byKey.size() > 0, "the random scenario's 2025 cohort has cells against 'other'");
    }

    /**
     * The batch endpoint between instances is kept from strangers as the single-key one is (InternalAccess), and
     * answers each lookup in order: the instance that holds ALL finds its record and every ALL record under the
     * prefix; the other finds none (or says it holds none of the store).
     */
    private void assertBatchEndpointGuarded(List<Integer> ports, String token, Map<String, String> shares) throws Exception {
        String key = shares.keySet().stream().filter(k -> k.startsWith("ALL|")).findFirst().orElseThrow();
        long allRecords = shares.keySet().stream().filter(k -> k.startsWith("ALL|")).count();
        String batch = "[{\"store\": \"" + PulseTopology.SERVICES_SHARES + "\", \"key\": \"" + key + "\"},"
                + " {\"store\": \"" + PulseTopology.SERVICES_SHARES + "\", \"key\": \"ALL|\", \"prefix\": true}]";
        assertEquals(401, postBatch(ports.get(0), batch, null).statusCode(), "no token");
        assertEquals(403, postBatch(ports.get(0), batch, "not-" + token).statusCode(), "a wrong token");
        assertEquals(400, postBatch(ports.get(0), "{\"store\": 1}", token).statusCode(), "not a batch");
        int holders = 0;
        for (int port : ports) {
            HttpResponse<String> r = postBatch(port, batch, token);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 503, r.statusCode() + " " + r.body());
            JsonNode answers = r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
            if (answers != null && !answers.get(0).isNull()) {
                holders++;
                assertEquals(shares.get(key), Describe.shareJson(answers.get(0)), "port " + port + " " + key);
                assertEquals(allRecords, answers.get(1).size(), "port " + port + ": every ALL record under the prefix");
            } else if (answers != null) {
                assertEquals(0, answers.get(1).size(), "port " + port + " holds no ALL record: " + answers);
            }
        }
        assertEquals(1, holders, "one instance holds ALL");
    }

    private HttpResponse<String> postBatch(int port, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/internal/v1/stores/batch"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Fdi-Internal-Token", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertCapitalMix(int port, Map<String, String> expected) throws Exception {
        assertScopeQuarterRecords(port, expected, "/api/v1/capital-mix", Describe::capitalMixJson);
        assertEquals(404, JobHttp.get(port, "/api/v1/capital-mix/atlantis/2025-Q1").statusCode());
        assertEquals(404, JobHttp.get(port, "/api/v1/capital-mix/ALL/1999-Q1").statusCode());
        assertEquals(400, JobHttp.get(port, "/api/v1/capital-mix?quarter=2025Q1").statusCode());
    }

    /**
     * R11 over HTTP: every {@code scope|quarter} record of the model at {@code /api/v1/source-mix/{scope}/{quarter}},
     * each quarter's list ALL first, then cities by code, and the contract's 404/400.
     */
    private void assertSourceMix(int port, Map<String, String> expected) throws Exception {
        assertScopeQuarterRecords(port, expected, "/api/v1/source-mix", Describe::sourceMixJson);
        assertEquals(404, JobHttp.get(port, "/api/v1/source-mix/atlantis/2025-Q1").statusCode());
        assertEquals(404, JobHttp.get(port, "/api/v1/source-mix/ALL/1999-Q1").statusCode());
        assertEquals(400, JobHttp.get(port, "/api/v1/source-mix?quarter=2025Q1").statusCode());
        assertEquals(400, JobHttp.get(port, "/api/v1/source-mix/ALL/2025-Q5").statusCode());
    }

    /** GET /api/v1/alerts, filtered by state, scope and quarter, against the alerts firing in the model. */
    private void assertAlerts(int port, Map<String, String> firing) throws Exception {
        assertTrue(firing.size() > 3, "the random history fires alerts: " + firing);
        assertEquals(firing, firingOf(JobHttp.get(port, "/api/v1/alerts?state=FIRING")), "port " + port);
        Map<String, String> all = firingOf(JobHttp.get(port, "/api/v1/alerts"));
        assertEquals(firing, all, "without a filter, the firing ones among the resolved");
        String[] one = firing.keySet().iterator().next().split("\\|");   // rule|scope|quarter
        Map<String, String> ofScopeQuarter = new TreeMap<>(firing);
        ofScopeQuarter.keySet().removeIf(k -> !k.contains("|" + one[1] + "|" + one[2]));
        assertEquals(ofScopeQuarter, firingOf(JobHttp.get(port, "/api/v1/alerts?scope=" + one[1] + "&quarter=" + one[2])));
        JsonNode resolved = JSON.readTree(JobHttp.get(port, "/api/v1/alerts?state=RESOLVED").body());
        resolved.forEach(a -> assertEquals("RESOLVED", a.get("state").asText()));
        assertEquals(400, JobHttp.get(port, "/api/v1/alerts?state=firing").statusCode());
        assertEquals(404, JobHttp.get(port, "/api/v1/alerts?scope=atlantis").statusCode());
    }

    /** What the dashboard draws from: the reference data, and the quarters that have a nationwide record. */
    private void assertDiscovery(int port, Map<String, String> shares) throws Exception {
        List<String> quarters = shares.keySet().stream().filter(k -> k.startsWith("ALL|")).map(k -> k.substring(4)).sorted().toList();
        List<String> listed = new ArrayList<>();
        JSON.readTree(JobHttp.get(port, "/api/v1/quarters").body()).forEach(q -> listed.add(q.asText()));
        assertEquals(quarters, listed, "the quarters with an ALL record, in order");
        JsonNode reference = JSON.readTree(JobHttp.get(port, "/api/v1/reference").body());
        assertEquals(21, reference.get("cities").size(), "20 pilot areas and other");
        assertEquals(20, reference.get("sectors").size(), "GB/T 4754 sections A-T");
        assertEquals(14, reference.get("focusAreas").size());
        assertEquals("USD", reference.get("currency").asText());
        assertTrue(reference.get("cities").get(0).get("code").asText().equals("beijing")
                && reference.get("cities").get(0).get("cohort").asInt() == 2015, "cities by code, with their cohort");
    }

    /** {@code rule|scope|quarter} → threshold of the FIRING alerts of an answer. */
    private static Map<String, String> firingOf(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        Map<String, String> out = new TreeMap<>();
        for (JsonNode a : JSON.readTree(response.body())) {
            if (a.get("state").asText().equals("FIRING")) {
                out.put(a.get("rule").asText() + "|" + a.get("scope").asText() + "|" + a.get("quarter").asText(),
                        a.get("threshold").decimalValue().setScale(4).toPlainString());
            }
        }
        return out;
    }

    /**
     * Each {@code scope|quarter} record at {@code path/{scope}/{quarter}}, and each quarter's list at
     * {@code path?quarter=Q}: ALL first, then cities by code, each record as the model has it.
     */
    private void assertScopeQuarterRecords(int port, Map<String, String> expected, String path,
                                           Function<JsonNode, String> describe) throws Exception {
        Map<String, List<String>> scopesByQuarter = new TreeMap<>();
        for (var e : expected.entrySet()) {
            String[] key = e.getKey().split("\\|");
            HttpResponse<String> r = JobHttp.get(port, path + "/" + key[0] + "/" + key[1]);
            assertEquals(200, r.statusCode(), e.getKey());
            assertEquals(e.getValue(), describe.apply(JSON.readTree(r.body())), "port " + port + " " + path + " " + e.getKey());
            scopesByQuarter.computeIfAbsent(key[1], q -> new ArrayList<>()).add(key[0]);
        }
        for (var q : scopesByQuarter.entrySet()) {
            JsonNode list = JSON.readTree(JobHttp.get(port, path + "?quarter=" + q.getKey()).body());
            List<String> scopes = new ArrayList<>();
            for (JsonNode s : list) {
                String key = s.get("scope").asText() + "|" + q.getKey();
                assertEquals(expected.get(key), describe.apply(s), "port " + port + " " + path + "?quarter=" + q.getKey() + ": " + key);
                scopes.add(s.get("scope").asText());
            }
            List<String> want = new ArrayList<>(q.getValue().stream().filter(s -> !s.equals("ALL")).sorted().toList());
            want.add(0, "ALL");
            assertEquals(want, scopes, path + ": ALL first, then cities by code, " + q.getKey());
        }
    }

    private void assertInvestments(int port, Map<String, String> cells) throws Exception {
        Map<String, Map<String, String>> byCityQuarter = new TreeMap<>();
        cells.forEach((key, value) -> {
            SectorCell k = SectorCell.decode(key);
            if (!value.endsWith(" x0")) {
                byCityQuarter.computeIfAbsent(k.city() + "/" + k.quarter(), x -> new TreeMap<>()).put(k.sector(), value);
            } else {
                byCityQuarter.computeIfAbsent(k.city() + "/" + k.quarter(), x -> new TreeMap<>());
            }
        });
        for (var e : byCityQuarter.entrySet()) {
            HttpResponse<String> r = JobHttp.get(port, "/api/v1/investments/" + e.getKey());
            assertEquals(200, r.statusCode(), e.getKey());
            JsonNode body = JSON.readTree(r.body());
            Map<String, String> sectors = new TreeMap<>();
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            List<String> order = new ArrayList<>();
            for (JsonNode s : body.get("sectors")) {
                sectors.put(s.get("sector").asText(), Describe.sectorJson(s));
                order.add(s.get("sector").asText());
                total = total.add(new BigDecimal(s.get("amount").asText()));
            }
            assertEquals(e.getValue(), sectors, "port " + port + " " + e.getKey());
            assertEquals(order.stream().sorted().toList(), order, "sectors by letter");
            assertEquals(total.toPlainString(), body.get("total").asText(), "total of " + e.getKey());
            assertEquals("USD", body.get("currency").asText());
        }
    }

    private void assertProgress(int port, Map<String, String> expected) throws Exception {
        Map<String, Map<String, String>> byScope = new TreeMap<>();
        expected.forEach((key, value) -> {
            ScopeFocusArea k = ScopeFocusArea.decode(key);
            byScope.computeIfAbsent(k.scope(), x -> new TreeMap<>()).put(k.focusArea(), value);
        });
        for (var e : byScope.entrySet()) {
            JsonNode body = JSON.readTree(JobHttp.get(port, "/api/v1/pilot/progress/" + e.getKey()).body());
            Map<String, String> actual = new TreeMap<>();
            body.get("areas").forEach(a -> actual.put(a.get("focusArea").asText(), Describe.progressJson(a)));
            actual.put("ALL", Describe.progressJson(body.get("all")));
            assertEquals(e.getValue(), actual, "port " + port + " progress of " + e.getKey());
        }
        // every scope at once: ALL first, then the cities by code, each as its own answer has it
        Map<String, Map<String, String>> everyScope = new LinkedHashMap<>();
        for (JsonNode body : JSON.readTree(JobHttp.get(port, "/api/v1/pilot/progress").body())) {
            Map<String, String> actual = new TreeMap<>();
            body.get("areas").forEach(a -> actual.put(a.get("focusArea").asText(), Describe.progressJson(a)));
            actual.put("ALL", Describe.progressJson(body.get("all")));
            everyScope.put(body.get("scope").asText(), actual);
        }
        List<String> order = new ArrayList<>(byScope.keySet());
        order.remove("ALL");
        order.add(0, "ALL");
        assertEquals(order, List.copyOf(everyScope.keySet()), "port " + port + " scopes of /api/v1/pilot/progress");
        assertEquals(byScope, new TreeMap<>(everyScope), "port " + port + " progress of every scope");
    }

    private void assertDeadLetters(int port, Map<String, Integer> expected) throws Exception {
        JsonNode body = JSON.readTree(JobHttp.get(port, "/api/v1/dead-letters").body());
        Map<String, Integer> byReason = new TreeMap<>();
        body.get("byReason").fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asInt()));
        assertEquals(expected, byReason, "port " + port);
        assertEquals(expected.values().stream().mapToInt(Integer::intValue).sum(), body.get("total").asInt());
    }

    private void assertErrors(int port) throws Exception {
        for (String path : List.of("/api/v1/services-share?quarter=2025Q1", "/api/v1/services-share",
                "/api/v1/services-share/ALL/2025-Q5", "/api/v1/investments/beijing/25-Q1")) {
            HttpResponse<String> r = JobHttp.get(port, path);
            assertEquals(400, r.statusCode(), path);
            assertTrue(JSON.readTree(r.body()).get("error").asText().contains("YYYY-Qn"), path + ": " + r.body());
        }
        for (String path : List.of("/api/v1/services-share/paris/2025-Q1", "/api/v1/services-share/ALL/1999-Q1",
                "/api/v1/investments/atlantis/2025-Q1", "/api/v1/investments/beijing/1999-Q1",
                "/api/v1/pilot/progress/other", "/api/v1/pilot/progress/paris", "/api/v1/nothing-here")) {
            HttpResponse<String> r = JobHttp.get(port, path);
            assertEquals(404, r.statusCode(), path);
            assertTrue(JSON.readTree(r.body()).has("error"), path + ": " + r.body());
        }
        assertEquals("{\"status\":\"UP\",\"state\":\"RUNNING\",\"threadsReplaced\":0}", JobHttp.get(port, "/health").body(),
                "the contract's {\"status\":\"UP\"}, with the state and how many stream threads died and were replaced");
    }

    /**
     * GET /openapi.json, and every path it documents asked with its examples: 200, with a body its schema accepts; and
     * where it documents them, 400 for a malformed quarter and 404 for an unknown scope or city, with the error body.
     */
    private void assertDocumentedAnswers(int port) throws Exception {
        HttpResponse<String> document = JobHttp.get(port, "/openapi.json");
        assertEquals(200, document.statusCode());
        OpenApi api = new OpenApi(new ObjectMapper().readTree(document.body()));
        assertEquals(OpenApi.fromResources().document(), api.document(), "the job serves the document of its jar");
        List<String> wrong = new ArrayList<>();
        for (OpenApi.Operation op : api.operations()) {
            String path = op.exampleRequest();
            if (op.path().equals("/api/v1/stream")) {
                HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
                stream.body().close();
                if (stream.statusCode() != 200 || !stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                    wrong.add(path + ": " + stream.statusCode() + " " + stream.headers().map());
                }
                continue;
            }
            HttpResponse<String> r = JobHttp.get(port, path);
            String mediaType = op.mediaTypes(200).next();
            if (r.statusCode() != 200 || !r.headers().firstValue("Content-Type").orElse("").startsWith(mediaType)) {
                wrong.add(path + ": " + r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("") + " " + r.body());
                continue;
            }
            JsonNode schema = op.responseSchema(200, "application/json");
            if (schema != null) {
                JsonNode body = JSON.readTree(r.body());
                if (body.isEmpty() && !path.startsWith("/api/v1/alerts")) {
                    wrong.add(path + ": empty, though the job has data");
                }
                api.problems(body, schema).forEach(p -> wrong.add(path + " " + p));
            }
            System.out.printf("[measured] port %d documented %s: 200%n", port, path);
            List<String> quarterParameters = new ArrayList<>();
            op.spec().path("parameters").forEach(p -> {
                if (p.path("name").asText().equals("quarter") && p.path("required").asBoolean()) {
                    quarterParameters.add(p.path("example").asText());
                }
            });
            if (op.responseSchema(400, "application/json") != null && !quarterParameters.isEmpty()) {
                assertError(api, op, port, path.replace(quarterParameters.get(0), "2025-Q9"), 400, wrong);
            }
            if (op.responseSchema(404, "application/json") != null && !op.pathParameters().isEmpty()) {
                String unknown = op.path();
                for (JsonNode p : op.parameters("path")) {
                    String name = p.path("name").asText();
                    unknown = unknown.replace("{" + name + "}", name.equals("quarter") ? p.path("example").asText() : "atlantis");
                }
                assertError(api, op, port, unknown, 404, wrong);
            }
        }
        assertEquals(List.of(), wrong, "answers that differ from the OpenAPI document");
    }

    private void assertError(OpenApi api, OpenApi.Operation op, int port, String path, int status, List<String> wrong) throws Exception {
        HttpResponse<String> r = JobHttp.get(port, path);
        if (r.statusCode() != status) {
            wrong.add(path + ": " + r.statusCode() + ", the document says " + status + ": " + r.body());
        } else {
            api.problems(JSON.readTree(r.body()), op.responseSchema(status, "application/json")).forEach(p -> wrong.add(path + " " + p));
        }
    }

    private void assertLiveFeed(Deployment d, int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/stream"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> stream = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<String> firstEvent = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("event:") && line.contains("services-share")) {
                        return line + "\n" + lines.readLine(); // and its data
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Path one = Files.createDirectories(Path.of("target", "it-data", "http")).resolve("one-more.jsonl");
        Files.writeString(one, "{\"eventId\": \"live-1\", \"city\": \"wuhan\", \"sector\": \"K\", \"amount\": \"1.00\", "
                + "\"currency\": \"USD\", \"occurredAt\": \"2025-05-05T00:00:00Z\"}\n");
        d.ingest("investments", one);
        String event = firstEvent.get(60, TimeUnit.SECONDS);
        assertTrue(event.startsWith("event: services-share") || event.startsWith("event:services-share"), "an event on the live feed: " + event);
        String data = event.substring(event.indexOf('\n') + 1);
        assertTrue(data.startsWith("data:"), event);
        // the event's data in the shape the OpenAPI document gives it
        OpenApi api = OpenApi.fromResources();
        JsonNode events = api.document().at("/paths/~1api~1v1~1stream/get/responses/200/content/text~1event-stream/x-events");
        JsonNode feedEvent = JSON.readTree(data.substring("data:".length()).trim());
        assertEquals(List.of(), api.problems(feedEvent, events.at("/services-share/data")), data);
        assertEquals(List.of(), api.problems(feedEvent.get("value"), events.at("/services-share/value")), data);
        stream.body().close();
    }


}
