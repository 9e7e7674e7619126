package org.fdipulse.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.fdipulse.app.PulseApp;
import org.fdipulse.output.JsonViews;

/**
 * {@code /health}, {@code /health/live} and {@code /health/ready}. They read two states in memory and run on the web
 * server's own threads, never behind queries ({@link QueryPool}), so an orchestrator's probe is answered at once
 * however many queries are waiting.
 */
final class HealthEndpoints {

    private HealthEndpoints() {
    }

    static void register(RoutesConfig routes, PulseApp app) {
        // contract section 5, unchanged: up while both applications run or rebalance
        routes.get("/health", ctx -> answer(ctx, app.isServing(), app, null));
        // the process serves HTTP: a failed liveness probe means restart it
        routes.get("/health/live", ctx -> ctx.json(JsonViews.MAPPER.createObjectNode().put("status", "UP")));
        // worth sending queries to: every store restored once, the job running or rebalancing, brokers and registry answering
        routes.get("/health/ready", ctx -> {
            boolean restored = app.hasBeenRunning();
            boolean serving = app.isServing();
            String outage = app.registryOutage().orElse(null);
            String cutOff = app.brokersUnreachable().orElse(null);
            // a full state directory leaves Kafka Streams RUNNING while nothing moves: only this check tells
            String noSpace = app.stateDirectorySpace().shortage().orElse(null);
            String reason = !serving ? "the job is not running or rebalancing"
                    : !restored ? "the job's stores have not all been restored yet"
                    : noSpace != null ? noSpace
                    : cutOff != null ? cutOff
                    : outage != null ? "the schema registry gives no answer, and the job waits for it: " + outage : null;
            answer(ctx, reason == null, app, reason);
        });
    }

    private static void answer(Context ctx, boolean up, PulseApp app, String reason) {
        var body = JsonViews.MAPPER.createObjectNode().put("status", up ? "UP" : "DOWN").put("state", app.streams().state().name())
                .put("threadsReplaced", app.threadFailures().count());
        app.threadFailures().last().ifPresent(last -> body.put("lastThreadError", last));
        if (reason != null) {
            body.put("reason", reason);
        }
        ctx.status(up ? 200 : 503).json(body);
    }
}
