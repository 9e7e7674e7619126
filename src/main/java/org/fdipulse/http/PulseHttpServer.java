package org.fdipulse.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.fdipulse.app.PulseApp;
import org.fdipulse.config.KafkaClients;
import org.fdipulse.output.JsonViews;
import org.fdipulse.rules.Normalized;
import org.fdipulse.rules.ServicesShareRollup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPEC section 5 over HTTP (Javalin): the figures from the job's state stores on whichever instance holds them, the
 * live feed, metrics, health and the dashboard. Malformed input is 400 with {@code {"error": …}}; an unknown scope
 * or city, or a quarter without a record, is 404; a store that cannot answer during a rebalance is 503.
 */
public final class PulseHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PulseHttpServer.class);

    private final Javalin javalin;
    private final LiveFeed feed;
    private final PulseMetrics metrics;

    private PulseHttpServer(Javalin javalin, LiveFeed feed, PulseMetrics metrics) {
        this.javalin = javalin;
        this.feed = feed;
        this.metrics = metrics;
    }

    /** The value of {@code application.server} for an instance serving HTTP on {@code port}. */
    public static String applicationServer(String advertisedHost, int port) {
        return advertisedHost + ":" + port;
    }

    public static PulseHttpServer start(PulseApp app, String bootstrapServers, String advertisedHost, int port) {
        KafkaStreams streams = app.streams();
        PulseMetrics metrics = new PulseMetrics(List.of(streams, app.rateRejections()), app.counters(), app.threadFailures());
        LiveFeed feed = new LiveFeed(KafkaClients.consumer(app.clientSettings()), app.settings().topics(), metrics.registry);
        StoreQueries stores = new StoreQueries(streams, new HostInfo(advertisedHost, port));
        FigureQueries figures = new FigureQueries(stores, app.settings().reference(), app.settings().reportingCurrency());

        Javalin javalin = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.staticFiles.enableWebjars();
            config.jsonMapper(new JavalinJackson(JsonViews.MAPPER, false));
        });
        javalin.get("/api/v1/services-share", ctx -> ctx.json(figures.shares(quarter(ctx.queryParam("quarter")))));
        javalin.get("/api/v1/services-share/{scope}/{quarter}", ctx -> {
            String scope = scope(ctx.pathParam("scope"));
            String quarter = quarter(ctx.pathParam("quarter"));
            if (!figures.isScope(scope)) {
                throw new NotFound("unknown scope '" + ctx.pathParam("scope") + "'; use ALL or a city code");
            }
            respond(ctx, figures.share(scope, quarter), "no record for " + scope + " in " + quarter);
        });
        javalin.get("/api/v1/investments/{city}/{quarter}", ctx -> {
            String city = Normalized.city(ctx.pathParam("city"));
            String quarter = quarter(ctx.pathParam("quarter"));
            if (!figures.isCity(city)) {
                throw new NotFound("unknown city '" + ctx.pathParam("city") + "'");
            }
            respond(ctx, figures.investments(city, quarter), "no investment recorded for " + city + " in " + quarter);
        });
        javalin.get("/api/v1/pilot/progress/{scope}", ctx -> {
            String scope = scope(ctx.pathParam("scope"));
            if (!figures.isPilotScope(scope)) {
                throw new NotFound("unknown scope '" + ctx.pathParam("scope") + "'; use ALL or a pilot city code");
            }
            respond(ctx, figures.progress(scope), "no measure recorded for " + scope);
        });
        javalin.get("/api/v1/dead-letters", ctx -> ctx.json(figures.deadLetters()));
        javalin.sse("/api/v1/stream", feed::subscribe);
        javalin.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        javalin.get("/health", ctx -> {
            boolean up = app.isServing();
            var health = JsonViews.MAPPER.createObjectNode().put("status", up ? "UP" : "DOWN")
                    .put("state", streams.state().name())
                    .put("threadsReplaced", app.threadFailures().count());
            app.threadFailures().last().ifPresent(last -> health.put("lastThreadError", last));
            ctx.status(up ? 200 : 503).json(health);
        });
        javalin.get(StoreQueries.INTERNAL_PATH + "{store}/{key}", ctx -> {
            QueryableStore store = QueryableStore.named(ctx.pathParam("store"))
                    .orElseThrow(() -> new NotFound("no store " + ctx.pathParam("store")));
            respond(ctx, stores.local(store, ctx.pathParam("key"), null), "no such key here");
        });

        javalin.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        javalin.exception(NotFound.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        javalin.exception(StoreQueries.UnavailableException.class, (e, ctx) -> error(ctx, 503, e.getMessage()));
        javalin.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
                error(ctx, 404, "no such resource: " + ctx.path());
            }
        });
        javalin.start(port);
        LOG.info("HTTP API and dashboard on http://{}:{}/", advertisedHost, port);
        return new PulseHttpServer(javalin, feed, metrics);
    }

    public int port() {
        return javalin.port();
    }

    private static void respond(Context ctx, Optional<? extends com.fasterxml.jackson.databind.JsonNode> value, String missing) {
        if (value.isEmpty()) {
            throw new NotFound(missing);
        }
        ctx.json(value.get());
    }

    private static String quarter(String text) {
        if (text == null || text.isBlank()) {
            throw new BadRequest("the quarter is missing; give it as YYYY-Qn, e.g. ?quarter=2025-Q1");
        }
        if (!text.matches("\\d{4}-Q[1-4]")) {
            throw new BadRequest("quarter '" + text + "' is not of the form YYYY-Qn, e.g. 2025-Q1");
        }
        return text;
    }

    private static String scope(String text) {
        return text.trim().toUpperCase(Locale.ROOT).equals(ServicesShareRollup.ALL) ? ServicesShareRollup.ALL : Normalized.city(text);
    }

    private static void error(Context ctx, int status, String message) {
        ObjectNode body = JsonViews.MAPPER.createObjectNode().put("error", message);
        ctx.status(status).json(body);
    }

    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void close() {
        feed.close();
        javalin.stop();
        metrics.close();
    }
}
