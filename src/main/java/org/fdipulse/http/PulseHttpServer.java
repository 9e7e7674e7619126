package org.fdipulse.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.sse.SseHandler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.fdipulse.keys.Scope;
import org.fdipulse.app.PulseApp;
import org.fdipulse.config.KafkaClients;
import org.fdipulse.output.RecordRenderer;
import org.fdipulse.output.JsonViews;
import org.fdipulse.reference.Normalized;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * contract section 5 over HTTP (Javalin): the figures from the job's state stores on whichever instance holds them, the
 * live feed, metrics, health and the dashboard. Malformed input is 400 with {@code {"error": …}}; an unknown scope
 * or city, or a quarter without a record, is 404; a store that cannot answer during a rebalance, a query past its
 * deadline, a full query pool or a full live feed is 503 with the reason. Figure queries run on a bounded pool
 * ({@link QueryPool}); health, metrics, the internal store endpoints and static files answer from memory on the
 * server's own threads, so no flood of queries delays them.
 */
public final class PulseHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PulseHttpServer.class);

    private final Javalin javalin;
    private final LiveFeed feed;
    private final PulseMetrics metrics;
    private final QueryPool queries;
    private final StoreQueries stores;

    private PulseHttpServer(Javalin javalin, LiveFeed feed, PulseMetrics metrics, QueryPool queries, StoreQueries stores) {
        this.javalin = javalin;
        this.feed = feed;
        this.metrics = metrics;
        this.queries = queries;
        this.stores = stores;
    }

    /** The value of {@code application.server} for an instance serving HTTP on {@code port}. */
    public static String applicationServer(String advertisedHost, int port) {
        return advertisedHost + ":" + port;
    }

    /** Why {@code run} must not start with these settings (see {@link InternalAccess#refusal}), if it must not. */
    public static Optional<String> refusal(HttpSettings http) {
        return http.internalAccess().refusal(http.bindHost(), http.advertisedHost());
    }

    public static PulseHttpServer start(PulseApp app, HttpSettings http) {
        KafkaStreams streams = app.streams();
        PulseMetrics metrics = new PulseMetrics(List.of(streams, app.rateRejections()), app.counters(), app.threadFailures(),
                app.settings().reference(), app.settings().reportingCurrency());
        metrics.countRegistryRetries(app);
        metrics.watchStateDirectory(app);
        LiveFeed feed = new LiveFeed(KafkaClients.consumer(app.clientSettings()), app.settings().topics(), metrics.registry, http.liveFeedMaxClients(),
                new RecordRenderer(app.settings().registry()));
        InternalAccess access = http.internalAccess();
        StoreQueries stores = new StoreQueries(streams, new HostInfo(http.advertisedHost(), http.port()), access.outgoingToken(),
                http.lookupThreads(), metrics.registry);
        QueryPool queries = new QueryPool(http.queryThreads(), http.queryQueue(), http.requestTimeout(), metrics.registry);
        FigureQueries figures = new FigureQueries(stores, app.settings().reference(), app.settings().reportingCurrency());

        Parts parts = new Parts(app, feed, metrics, access, stores, queries, figures);
        Javalin javalin = Javalin.create(config -> configure(config, parts));
        javalin.start(http.bindHost(), http.port());
        LOG.info("HTTP API and dashboard on http://{}:{}/ (listening on {}); the store endpoint for other instances {}",
                http.advertisedHost(), http.port(), http.bindHost(), describe(access.mode()));
        return new PulseHttpServer(javalin, feed, metrics, queries, stores);
    }

    /** What the server's routes use; each handler reaches them only when it answers. */
    record Parts(PulseApp app, LiveFeed feed, PulseMetrics metrics, InternalAccess access, StoreQueries stores, QueryPool queries,
                 FigureQueries figures) {
    }

    /**
     * Declares the whole server (Javalin 7 takes routes, exception and error handlers with its configuration, before
     * it starts). Declaring touches no part but the query pool: the handlers reach the others when they answer, so
     * {@code OpenApiDocumentTest} lists the routes without a job.
     */
    static void configure(JavalinConfig config, Parts parts) {
        config.startup.showJavalinBanner = false;
        config.startup.startupWatcherEnabled = false;
        config.staticFiles.add("/public", Location.CLASSPATH);
        config.staticFiles.enableWebjars();
        config.jsonMapper(new JavalinJackson(JsonViews.MAPPER, false));
        byte[] openApi = OpenApiDocument.bytes();
        RoutesConfig routes = config.routes;
        PulseApp app = parts.app();
        LiveFeed feed = parts.feed();
        PulseMetrics metrics = parts.metrics();
        InternalAccess access = parts.access();
        StoreQueries stores = parts.stores();
        QueryPool queries = parts.queries();
        FigureQueries figures = parts.figures();
        routes.get("/api/v1/services-share", queries.handler((ctx, deadline) ->
                figures.shares(quarter(ctx.queryParam("quarter")), deadline)));
        routes.get("/api/v1/services-share/{scope}", queries.handler((ctx, deadline) ->
                figures.sharesOf(knownScope(figures, ctx.pathParam("scope")), deadline)));
        routes.get("/api/v1/services-share/{scope}/{quarter}", queries.handler(scopeQuarter(figures,
                (scope, quarter, deadline) -> figures.share(scope, quarter, deadline))));
        routes.get("/api/v1/investments/{city}/{quarter}", queries.handler((ctx, deadline) -> {
            String city = Normalized.city(ctx.pathParam("city"));
            String quarter = quarter(ctx.pathParam("quarter"));
            if (!figures.isCity(city)) {
                throw ApiError.notFound("unknown city '" + ctx.pathParam("city") + "'");
            }
            return found(figures.investments(city, quarter, deadline), "no investment recorded for " + city + " in " + quarter);
        }));
        routes.get("/api/v1/pilot/progress", queries.handler((ctx, deadline) -> figures.progressOfEveryScope(deadline)));
        routes.get("/api/v1/pilot/progress/{scope}", queries.handler((ctx, deadline) -> {
            String scope = scope(ctx.pathParam("scope"));
            if (!figures.isPilotScope(scope)) {
                throw ApiError.notFound("unknown scope '" + ctx.pathParam("scope") + "'; use ALL or a pilot city code");
            }
            return found(figures.progress(scope, deadline), "no measure recorded for " + scope);
        }));
        routes.get("/api/v1/capital-mix", queries.handler((ctx, deadline) ->
                figures.capitalMixes(quarter(ctx.queryParam("quarter")), deadline)));
        routes.get("/api/v1/capital-mix/{scope}/{quarter}", queries.handler(scopeQuarter(figures,
                (scope, quarter, deadline) -> figures.capitalMix(scope, quarter, deadline))));
        routes.get("/api/v1/source-mix", queries.handler((ctx, deadline) ->
                figures.sourceMixes(quarter(ctx.queryParam("quarter")), deadline)));
        routes.get("/api/v1/source-mix/{scope}/{quarter}", queries.handler(scopeQuarter(figures,
                (scope, quarter, deadline) -> figures.sourceMix(scope, quarter, deadline))));
        routes.get("/api/v1/alerts", queries.handler((ctx, deadline) -> {
            String scopeParam = ctx.queryParam("scope");
            String scope = scopeParam == null ? null : knownScope(figures, scopeParam);
            String quarterParam = ctx.queryParam("quarter");
            return figures.alerts(alertState(ctx.queryParam("state")), scope,
                    quarterParam == null ? null : quarter(quarterParam), deadline);
        }));
        routes.get("/api/v1/reference", ctx -> ctx.json(figures.reference()));
        routes.get("/api/v1/quarters", queries.handler((ctx, deadline) -> figures.quarters(deadline)));
        routes.get("/api/v1/dead-letters", queries.handler((ctx, deadline) -> figures.deadLetters(deadline)));
        routes.get("/api/v1/impact", queries.handler((ctx, deadline) -> figures.impact(deadline)));
        SseHandler sse = new SseHandler(client -> feed.subscribe(client));
        routes.get("/api/v1/stream", ctx -> {
            if (!"text/event-stream".equals(ctx.header(Header.ACCEPT))) {
                sse.handle(ctx); // not a stream request: Javalin's SSE handler ignores it, as before
                return;
            }
            if (!feed.tryReserve()) {
                throw ApiError.unavailable("the live feed already serves its " + feed.maxClients() + " clients ("
                        + HttpSettings.LIVE_FEED_MAX_CLIENTS + "); try again later");
            }
            try {
                sse.handle(ctx);
            } catch (Exception e) {
                feed.release();
                throw e;
            }
        });
        routes.get(OpenApiDocument.PATH, ctx -> ctx.contentType("application/json; charset=utf-8").result(openApi));
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        HealthEndpoints.register(routes, app);
        routes.before(StoreQueries.INTERNAL_PATH + "*", ctx -> {
            InternalAccess.Verdict verdict = access.check(ctx.req().getRemoteAddr(), ctx.header(InternalAccess.HEADER),
                    ctx.header("Forwarded") != null || ctx.header("X-Forwarded-For") != null || ctx.header("X-Real-IP") != null);
            if (!verdict.allowed()) {
                throw new ApiError(verdict.status(), verdict.reason());
            }
        });
        routes.get(StoreQueries.INTERNAL_PATH + "{store}/{key}", ctx -> {
            QueryableStore store = QueryableStore.named(ctx.pathParam("store"))
                    .orElseThrow(() -> ApiError.notFound("no store " + ctx.pathParam("store")));
            String partition = ctx.queryParam("partition");
            var lookup = new StoreQueries.Lookup(store, ctx.pathParam("key"), "true".equals(ctx.queryParam("prefix")));
            ctx.json(found(stores.forPeer(lookup, partition == null ? null : partition(partition)), "no such key here"));
        });
        routes.post(StoreQueries.BATCH_PATH, ctx -> ctx.json(stores.forPeer(batch(ctx.body()))));

        routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
        // the internal endpoint, asked for a partition this instance does not hold (now): the caller tries elsewhere
        routes.exception(InvalidStateStoreException.class, (e, ctx) -> error(ctx, 503, e.getMessage()));
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
                error(ctx, 404, "no such resource: " + ctx.path());
            }
        });
    }

    public int port() {
        return javalin.port();
    }

    private static String describe(InternalAccess.Mode mode) {
        return switch (mode) {
            case TOKEN -> "needs " + InternalAccess.TOKEN;
            case LOOPBACK -> "answers this machine only (set " + InternalAccess.TOKEN + " for instances on other hosts)";
            case NONE -> "answers anyone who reaches the port (" + InternalAccess.AUTH + "=none)";
        };
    }

    private static JsonNode found(Optional<? extends JsonNode> value, String missing) {
        return value.orElseThrow(() -> ApiError.notFound(missing));
    }

    private static JsonNode batch(String body) {
        try {
            return JsonViews.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("a batch is a JSON array of {store, key, prefix, partition}: " + e.getOriginalMessage());
        }
    }

    private static int partition(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("partition '" + text + "' is not a number");
        }
    }

    private static String quarter(String text) {
        if (text == null || text.isBlank()) {
            throw ApiError.badRequest("the quarter is missing; give it as YYYY-Qn, e.g. ?quarter=2025-Q1");
        }
        if (!text.matches("\\d{4}-Q[1-4]")) {
            throw ApiError.badRequest("quarter '" + text + "' is not of the form YYYY-Qn, e.g. 2025-Q1");
        }
        return text;
    }

    /** One record of a scope and quarter: {@code ALL} or a city, then {@code YYYY-Qn}; 404 for an unknown scope or no record. */
    interface ScopeQuarterRecord {
        Optional<JsonNode> find(String scope, String quarter, Deadline deadline) throws StoreQueries.UnavailableException;
    }

    private static QueryPool.Query scopeQuarter(FigureQueries figures, ScopeQuarterRecord record) {
        return (ctx, deadline) -> {
            String quarter = quarter(ctx.pathParam("quarter"));
            String scope = knownScope(figures, ctx.pathParam("scope"));
            return found(record.find(scope, quarter, deadline), "no record for " + scope + " in " + quarter);
        };
    }

    /** {@code ALL} or a city code as the job writes it; 404 for any other. */
    private static String knownScope(FigureQueries figures, String text) {
        String scope = scope(text);
        if (!figures.isScope(scope)) {
            throw ApiError.notFound("unknown scope '" + text + "'; use ALL or a city code");
        }
        return scope;
    }

    /** {@code FIRING}, {@code RESOLVED}, or null for both. */
    private static String alertState(String text) {
        if (text == null) {
            return null;
        }
        if (!text.equals("FIRING") && !text.equals("RESOLVED")) {
            throw ApiError.badRequest("state '" + text + "' is neither FIRING nor RESOLVED");
        }
        return text;
    }

    private static String scope(String text) {
        return text.trim().toUpperCase(Locale.ROOT).equals(Scope.ALL) ? Scope.ALL : Normalized.city(text);
    }

    private static void error(Context ctx, int status, String message) {
        if (status == 503) {
            ctx.header("Retry-After", "1");
        }
        ctx.status(status).json(QueryPool.error(message));
    }

    @Override
    public void close() {
        feed.close();
        // answer the queries still waiting before Jetty 12 recycles their exchanges (see QueryPool)
        queries.drain(Duration.ofSeconds(5));
        javalin.stop();
        queries.close();
        stores.close();
        metrics.close();
    }
}
