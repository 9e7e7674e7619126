package org.fdipulse.app;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream threads that died on an error: each is logged, counted (for {@code /metrics} and {@code /health}) and
 * replaced, so that no record can stop the job. Bad input never gets here (intake dead-letters it); what does is a
 * bug or a fault of the cluster. Under exactly-once the replacement resumes from the last commit, so nothing the
 * dead thread had not committed is counted twice. An error that recurs on the same record is replaced again each
 * time, and the growing count and the log name it.
 */
public final class ThreadFailures {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadFailures.class);

    private final LongAdder count = new LongAdder();
    private final AtomicReference<String> last = new AtomicReference<>();

    StreamsUncaughtExceptionHandler handlerFor(String application) {
        return error -> {
            count.increment();
            String summary = Instant.now() + " " + application + ": " + error;
            last.set(summary.length() <= 500 ? summary : summary.substring(0, 499) + "…");
            LOG.error("a stream thread of {} died on an error and is being replaced ({} so far); nothing it had not "
                    + "committed is lost or counted twice. If this repeats, the cause below needs fixing", application,
                    count.sum(), error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        };
    }

    public long count() {
        return count.sum();
    }

    /** When and where the last thread died, and on what error (without its stack trace). */
    public Optional<String> last() {
        return Optional.ofNullable(last.get());
    }
}
