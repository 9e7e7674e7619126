package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fdipulse.keys.ScopeQuarter;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.Describe;
import org.fdipulse.topology.PulseTopology;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API's guards on a real instance: the shared secret of the store endpoint, the live-feed cap, the request
 * deadline, the health endpoints of contract section 8, and {@code run}'s refusal to expose its stores to a network
 * without a secret.
 */
@DisplayName("HTTP guards: internal token, live-feed cap, request deadline, readiness, refusal to start")
class HttpLimitsIT {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("run refuses to listen on the network and advertise a networked address without a token (exit 2, the fix named)")
    void refusesWithoutToken() throws Exception {
        Jar.Result r = Jar.run(Duration.ofSeconds(60), "run", "--bootstrap-servers", "127.0.0.1:1", "--advertised-host", "10.1.2.3");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("fdi.http.internal-token") && r.err().contains("--http-host 127.0.0.1")
                && r.err().contains("fdi.http.internal-auth=none"), r.err());

        Jar.Result half = Jar.run(Duration.ofSeconds(60), "run", "--bootstrap-servers", "127.0.0.1:1",
                "--set", "fdi.http.internal-auth=token");
        assertEquals(2, half.exit(), half.err());
        assertTrue(half.err().contains("needs fdi.http.internal-token"), half.err());
    }

    @Test
    @DisplayName("token: missing 401, wrong 403, right answered; live feed: client N+1 gets 503; queries past the deadline 503; health")
    void guards() throws Exception {
        RandomData data = RandomData.generate("limits", 300, 17);
        ContractModel model = data.model();
        Deployment d = new Deployment("limits");
        d.ingest("fx-rates", data.rates());
        d.ingest("investments", data.investments());
        int port = Deployment.freePort();
        try (Jar.Running job = d.run("USD", port, "fdi.http.live-feed.max-clients=3", "fdi.http.request-timeout.ms=1")) {
            Map<String, String> shares = model.shares();
            d.awaitTopic(d.outputTopic("services-share", "USD"), Describe::shareJson, shares::equals, job);
            JobHttp.awaitHealthy(port, job);

            assertEquals("{\"status\":\"UP\",\"state\":\"RUNNING\",\"threadsReplaced\":0}", JobHttp.get(port, "/health").body());
            assertEquals(200, JobHttp.get(port, "/health/live").statusCode());
            HttpResponse<String> ready = JobHttp.get(port, "/health/ready");
            assertEquals(200, ready.statusCode(), ready.body());

            assertInternalToken(port, d.internalToken, shares);
            assertLiveFeedCap(d, port);
            assertDeadline(port, ScopeQuarter.decode(shares.keySet().iterator().next()).quarter());

            String metrics = JobHttp.get(port, "/metrics").body();
            assertFalse(metrics.contains(d.internalToken), "the token is not in /metrics");
            assertTrue(metrics.contains("fdi_http_queries_rejected_total{reason=\"late\"}"), "missed deadlines are counted");
            assertTrue(metrics.contains("fdi_http_live_feed_clients"), "live-feed clients are counted");
            assertFalse(job.err().contains(d.internalToken), "the token is not in the log");
        }
    }

    private void assertInternalToken(int port, String token, Map<String, String> shares) throws Exception {
        String key = shares.keySet().iterator().next();
        String path = "/internal/v1/stores/" + PulseTopology.SERVICES_SHARES + "/"
                + URLEncoder.encode(key, StandardCharsets.UTF_8);
        HttpResponse<String> missing = JobHttp.get(port, path);
        assertEquals(401, missing.statusCode(), missing.body());
        assertTrue(JSON.readTree(missing.body()).get("error").asText().contains("X-Fdi-Internal-Token"), missing.body());
        assertEquals(403, internal(port, path, "not-" + token).statusCode());
        assertEquals(403, internal(port, path, token.substring(1)).statusCode());
        HttpResponse<String> right = internal(port, path, token);
        assertEquals(200, right.statusCode(), right.body());
        assertEquals(shares.get(key), Describe.shareJson(JSON.readTree(right.body())));
    }

    private HttpResponse<String> internal(int port, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("X-Fdi-Internal-Token", token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertLiveFeedCap(Deployment d, int port) throws Exception {
        List<HttpResponse<InputStream>> streams = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<InputStream> s = stream(port);
            assertEquals(200, s.statusCode(), "client " + (i + 1) + " of 3");
            streams.add(s);
        }
        HttpResponse<InputStream> fourth = stream(port);
        assertEquals(503, fourth.statusCode());
        String reason = JSON.readTree(fourth.body().readAllBytes()).get("error").asText();
        assertTrue(reason.contains("fdi.http.live-feed.max-clients"), reason);

        // a client that leaves frees its place once the feed notices, i.e. at the next event it cannot deliver
        streams.remove(0).body().close();
        Path one = Files.createDirectories(Path.of("target", "it-data", "limits")).resolve("one-more.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpResponse<InputStream> again;
        int n = 0;
        do {
            Files.writeString(one, "{\"eventId\": \"live-" + n++ + "\", \"city\": \"wuhan\", \"sector\": \"K\", \"amount\": \"1.00\", "
                    + "\"currency\": \"USD\", \"occurredAt\": \"2025-05-05T00:00:00Z\"}\n");
            d.ingest("investments", one);
            again = stream(port);
        } while (again.statusCode() == 503 && System.nanoTime() < deadline);
        assertEquals(200, again.statusCode(), "a place freed by a client that left");
        streams.add(again);
        for (HttpResponse<InputStream> s : streams) {
            s.body().close();
        }
    }

    private HttpResponse<InputStream> stream(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/stream"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private void assertDeadline(int port, String quarter) throws Exception {
        // How many queries of 20 lookups miss 1 ms depends on the machine: 14 of 20 on a quiet day, when this asked
        // for 15, and nearly all under load. So it asks until five were cut off, each with the reason, and every
        // other answer must be whole.
        int late = 0;
        int asked = 0;
        while (late < 5 && asked < 200) {
            HttpResponse<String> r = JobHttp.get(port, "/api/v1/services-share?quarter=" + quarter);
            asked++;
            if (r.statusCode() == 503) {
                assertTrue(JSON.readTree(r.body()).get("error").asText().contains("fdi.http.request-timeout.ms"), r.body());
                late++;
            } else {
                // twenty lookups in under a millisecond is possible, but then the answer is whole
                assertEquals(200, r.statusCode(), r.body());
            }
        }
        System.out.printf("[measured] with a 1 ms deadline, %d of %d queries of 20 lookups each were 503%n", late, asked);
        assertEquals(5, late, "with a 1 ms deadline, queries of 20 lookups each are cut off: " + late + " of " + asked);
        assertEquals(200, JobHttp.get(port, "/health").statusCode(), "health has no deadline to miss");
    }
}
