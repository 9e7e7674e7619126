package org.fdipulse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fdipulse.output.JsonViews;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("figure queries on a bounded pool under a deadline; health beside them, never behind them")
class QueryPoolTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient http = HttpClient.newHttpClient();
    private QueryPool pool;
    private Javalin javalin;

    @BeforeEach
    void start() {
        pool = new QueryPool(2, 2, Duration.ofMillis(1500));
        javalin = Javalin.create(c -> c.showJavalinBanner = false);
        javalin.get("/fast", pool.handler((ctx, deadline) -> JsonViews.MAPPER.createObjectNode().put("ok", true)));
        javalin.get("/stuck", pool.handler((ctx, deadline) -> {
            release.await(); // a lookup waiting on an instance that never answers
            return JsonViews.MAPPER.createObjectNode();
        }));
        javalin.get("/missing", pool.handler((ctx, deadline) -> {
            throw ApiError.notFound("no record");
        }));
        javalin.get("/moving", pool.handler((ctx, deadline) -> {
            throw new StoreQueries.UnavailableException("the job is rebalancing");
        }));
        javalin.get("/health", ctx -> ctx.json(JsonViews.MAPPER.createObjectNode().put("status", "UP")));
        javalin.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        release.countDown();
        javalin.stop();
        pool.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + javalin.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String error(HttpResponse<String> r) throws Exception {
        JsonNode body = JsonViews.MAPPER.readTree(r.body());
        return body.get("error").asText();
    }

    @Test
    @DisplayName("answers, 404 and 503 with their reasons")
    void answers() throws Exception {
        assertEquals("{\"ok\":true}", get("/fast").body());
        assertEquals(404, get("/missing").statusCode());
        HttpResponse<String> moving = get("/moving");
        assertEquals(503, moving.statusCode());
        assertEquals("the job is rebalancing", error(moving));
        assertEquals("1", moving.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    @DisplayName("a query past its deadline is 503 with the reason, and its thread is freed")
    void deadline() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = get("/stuck");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(503, r.statusCode());
        assertTrue(error(r).contains(HttpSettings.REQUEST_TIMEOUT_MS), r.body());
        assertTrue(tookMs >= 1400 && tookMs < 5000, "answered at the deadline, not before or long after: " + tookMs + " ms");
        // the stuck query was interrupted at its deadline, so both threads serve again
        for (int i = 0; i < 10; i++) {
            assertEquals(200, get("/fast").statusCode());
        }
    }

    @Test
    @DisplayName("a full pool says 503 at once, while /health answers at once")
    void saturated() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> stuck = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // two threads and a queue of two
            stuck.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + javalin.port() + "/stuck")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        HttpResponse<String> busy;
        long start = System.nanoTime();
        do { // the four reach the pool in their own time; the fifth is refused once they have
            busy = get("/fast");
        } while (busy.statusCode() == 200 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
        assertEquals(503, busy.statusCode());
        assertTrue(error(busy).contains(HttpSettings.QUERY_THREADS), busy.body());
        long healthStart = System.nanoTime();
        HttpResponse<String> health = get("/health");
        long healthMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healthStart);
        assertEquals(200, health.statusCode());
        assertTrue(healthMs < 500, "health waited " + healthMs + " ms behind stuck queries");
        release.countDown();
        for (CompletableFuture<HttpResponse<String>> f : stuck) {
            assertTrue(List.of(200, 503).contains(f.get(10, TimeUnit.SECONDS).statusCode()));
        }
    }
}
