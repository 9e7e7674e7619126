package org.fdipulse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private QueryPool pool;
    private Javalin javalin;

    @BeforeEach
    void start() {
        serve(Duration.ofMillis(1500));
    }

    private void serve(Duration timeout) {
        if (javalin != null) {
            javalin.stop();
            pool.close();
        }
        pool = new QueryPool(2, 2, timeout, registry);
        javalin = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.get("/fast", pool.handler((ctx, deadline) -> JsonViews.MAPPER.createObjectNode().put("ok", true)));
            c.routes.get("/stuck", pool.handler((ctx, deadline) -> {
                release.await(); // a lookup waiting on an instance that never answers
                return JsonViews.MAPPER.createObjectNode();
            }));
            c.routes.get("/missing", pool.handler((ctx, deadline) -> {
                throw ApiError.notFound("no record");
            }));
            c.routes.get("/moving", pool.handler((ctx, deadline) -> {
                throw new StoreQueries.UnavailableException("the job is rebalancing");
            }));
            c.routes.get("/health", ctx -> ctx.json(JsonViews.MAPPER.createObjectNode().put("status", "UP")));
        });
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
        assertEquals(1.0, registry.get("fdi.http.queries.rejected").tag("reason", "late").counter().count());
        // the stuck query was interrupted at its deadline, so both threads serve again
        for (int i = 0; i < 10; i++) {
            assertEquals(200, get("/fast").statusCode());
        }
    }

    @Test
    @DisplayName("a full pool says 503 at once, while /health answers at once")
    void saturated() throws Exception {
        serve(Duration.ofSeconds(60)); // the stuck queries stay stuck however slowly this machine runs
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // two threads and a queue of two: one of five is refused
            sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + javalin.port() + "/stuck")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        @SuppressWarnings("unchecked")
        HttpResponse<String> first = (HttpResponse<String>) CompletableFuture.anyOf(sent.toArray(CompletableFuture[]::new))
                .get(30, TimeUnit.SECONDS);
        assertEquals(503, first.statusCode(), "the first answer is the refusal, long before the stuck ones");
        assertTrue(error(first).contains(HttpSettings.QUERY_THREADS), first.body());
        assertTrue(registry.get("fdi.http.queries.rejected").tag("reason", "busy").counter().count() >= 1);
        long healthStart = System.nanoTime();
        HttpResponse<String> health = get("/health");
        long healthMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healthStart);
        assertEquals(200, health.statusCode());
        assertTrue(healthMs < 5000, "health waited " + healthMs + " ms: behind the stuck queries it would wait 60 s");
        release.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            statuses.add(f.get(30, TimeUnit.SECONDS).statusCode());
        }
        statuses.sort(null);
        assertEquals(List.of(200, 200, 200, 200, 503), statuses);
    }

    @Test
    @DisplayName("stopping: every waiting query is answered 503 and its exchange closed before the server stops; later ones 503 at once")
    void drain() throws Exception {
        serve(Duration.ofSeconds(60));
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // two running, two queued
            sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + javalin.port() + "/stuck")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pool.openExchanges() < 4 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertEquals(4, pool.openExchanges(), "four queries wait");
        pool.drain(Duration.ofSeconds(10));
        assertEquals(0, pool.openExchanges(), "every exchange completed before the server would stop");
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(error(r).contains("stopping"), r.body());
            assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow());
        }
        HttpResponse<String> later = get("/fast");
        assertEquals(503, later.statusCode(), "a query after the drain is refused at once");
        assertTrue(error(later).contains("stopping"), later.body());
        assertEquals(200, get("/health").statusCode(), "the rest of the server still answers until it stops");
    }
}
