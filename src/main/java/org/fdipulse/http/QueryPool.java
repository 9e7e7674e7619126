package org.fdipulse.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fdipulse.output.JsonViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the figure queries on a bounded pool, each under a deadline, instead of on the web server's threads. A
 * query may wait seconds (a rebalance, another instance), so a flood of them would otherwise hold every server
 * thread, and {@code /health} would wait behind them. Here the server thread only hands the query over and is
 * free again at once; when the pool and its queue are full the query gets 503 at once; a query not answered
 * within {@code fdi.http.request-timeout.ms} of its arrival gets 503, and its lookups are abandoned.
 *
 * <p>Before the web server stops, {@link #drain} answers every query still waiting 503 and waits until those answers
 * have left: Jetty 12 recycles the exchanges of requests still open when it stops, and an answer written to a
 * recycled exchange failed (500s and a stack trace per attempt, when Javalin 7 was first tried).
 */
final class QueryPool implements AutoCloseable {

    /** A query's work: its answer (a JSON body for 200) or an {@link ApiError} or unavailable store. */
    interface Query {
        JsonNode answer(Context ctx, Deadline deadline) throws Exception;
    }

    private record Reply(int status, JsonNode body) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(QueryPool.class);

    private final ThreadPoolExecutor pool;
    private final Duration timeout;
    private final String busyReason;

    private final Counter busy;
    private final Counter late;

    /** Answers not yet given: {@link #drain} gives them 503. */
    private final Set<CompletableFuture<Reply>> waiting = ConcurrentHashMap.newKeySet();
    /** Exchanges handed to the pool whose response has not been completed yet. */
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean stopping;

    QueryPool(int threads, int queue, Duration timeout, MeterRegistry registry) {
        this.busy = rejected(registry, "busy");
        this.late = rejected(registry, "late");
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "http-query-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timeout = timeout;
        this.busyReason = "this instance is already answering " + (threads + queue) + " queries (" + HttpSettings.QUERY_THREADS
                + "=" + threads + ", " + HttpSettings.QUERY_QUEUE + "=" + queue + "); try again in a moment";
    }

    Handler handler(Query query) {
        return ctx -> {
            if (stopping) {
                write(ctx, stoppingReply());
                return;
            }
            Deadline deadline = Deadline.after(timeout);
            Reply late = new Reply(503, error("no answer within " + timeout.toMillis() + " ms (" + HttpSettings.REQUEST_TIMEOUT_MS
                    + "): the instances holding the figures are slow or moving; try again in a few seconds"));
            CompletableFuture<Reply> reply = new CompletableFuture<>();
            Future<?> work;
            try {
                // a query that waited in the queue past its deadline is not started: it has been answered 503
                work = pool.submit(() -> reply.complete(deadline.passed() ? late : answer(query, ctx, deadline, late)));
            } catch (RejectedExecutionException full) {
                busy.increment();
                write(ctx, new Reply(503, error(busyReason)));
                return;
            }
            waiting.add(reply);
            reply.whenComplete((r, e) -> waiting.remove(reply));
            if (stopping) {
                reply.complete(stoppingReply()); // drain() may have passed this one by
            }
            reply.completeOnTimeout(late, timeout.toNanos(), TimeUnit.NANOSECONDS);
            open.incrementAndGet();
            ctx.future(() -> {
                // Javalin has started the exchange's async mode: count it open until Jetty completes it
                ctx.req().getAsyncContext().addListener(new Closed());
                return reply.thenAccept(r -> {
                    if (r == late) {
                        this.late.increment();
                        work.cancel(true);
                    } else if (r.status() == 503 && stopping) {
                        work.cancel(true);
                    }
                    write(ctx, r);
                });
            });
        };
    }

    /**
     * Stops taking queries and answers every one still waiting 503, then waits (at most {@code patience}) until their
     * exchanges are complete, so that the web server can stop with none of them open. The pool keeps its threads until
     * {@link #close}.
     */
    void drain(Duration patience) {
        stopping = true;
        Reply stopped = stoppingReply();
        for (CompletableFuture<Reply> reply : waiting) {
            reply.complete(stopped);
        }
        long until = System.nanoTime() + patience.toNanos();
        while (open.get() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (open.get() > 0) {
            LOG.info("{} answered queries were still being sent when the web server stopped", open.get());
        }
    }

    /** Exchanges whose response was written, or that ended otherwise (an error, Jetty's async timeout). */
    int openExchanges() {
        return open.get();
    }

    private static Reply stoppingReply() {
        return new Reply(503, error("this instance is stopping; ask another instance, or this one again once it is back"));
    }

    /** Counts an exchange closed once, however it ended. */
    private final class Closed implements AsyncListener {
        private boolean counted;

        @Override
        public synchronized void onComplete(AsyncEvent event) {
            if (!counted) {
                counted = true;
                open.decrementAndGet();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }

    private static Counter rejected(MeterRegistry registry, String reason) {
        return Counter.builder("fdi.http.queries.rejected")
                .description("Queries answered 503 by this instance: busy (pool and queue full) or late (past the deadline)")
                .tag("reason", reason).register(registry);
    }

    private static Reply answer(Query query, Context ctx, Deadline deadline, Reply late) {
        try {
            return new Reply(200, query.answer(ctx, deadline));
        } catch (ApiError e) {
            return new Reply(e.status, error(e.getMessage()));
        } catch (StoreQueries.UnavailableException e) {
            // lookups cut short by the deadline: say so, as the timer would have a moment later
            return deadline.passed() ? late : new Reply(503, error(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // abandoned at its deadline, which has been answered already
            return new Reply(503, error("the request was abandoned"));
        } catch (Exception e) {
            LOG.error("a query for {} failed; this is a bug, please report it with this log", ctx.path(), e);
            return new Reply(500, error("internal error; see the instance's log"));
        }
    }

    private static void write(Context ctx, Reply reply) {
        try {
            if (reply.status() == 503) {
                ctx.header("Retry-After", "1");
            }
            ctx.status(reply.status()).json(reply.body());
        } catch (IllegalStateException gone) {
            // Jetty 12 recycles the exchange of a client that left before its answer was ready: nobody waits for it
            LOG.debug("an answer {} came after its exchange ended: {}", reply.status(), gone.getMessage());
        }
    }

    static JsonNode error(String message) {
        return JsonViews.MAPPER.createObjectNode().put("error", message);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
