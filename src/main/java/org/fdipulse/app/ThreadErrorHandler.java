package org.fdipulse.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the job does when one of its stream threads dies: stop, since any error left is a bug to fix, except when the
 * broker refused to commit a transaction it had already aborted.
 *
 * <p>That happens to a "zombie": an instance paused or cut off for longer than {@code transaction.timeout.ms}. The
 * transaction coordinator aborts its open transaction and another instance takes over its tasks. When the zombie
 * wakes up and commits, Kafka 4.4 answers INVALID_TXN_STATE, which the producer treats as fatal, instead of
 * PRODUCER_FENCED, which Kafka Streams handles by rejoining the group (KAFKA-20785, seen in ClusterZombieFencingIT).
 * Nothing of that transaction counts, so a new stream thread (a new producer, rejoining the group) is safe. More than
 * {@value #MAX_REPLACEMENTS} such replacements within 10 minutes stop the instance: something else is wrong then.
 */
final class ThreadErrorHandler implements StreamsUncaughtExceptionHandler {

    static final int MAX_REPLACEMENTS = 3;
    private static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final Logger LOG = LoggerFactory.getLogger(ThreadErrorHandler.class);

    private final Deque<Long> replacements = new ArrayDeque<>();
    private final LongSupplier clock;

    ThreadErrorHandler() {
        this(System::nanoTime);
    }

    ThreadErrorHandler(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable error) {
        long now = clock.getAsLong();
        while (!replacements.isEmpty() && now - replacements.peekFirst() > WINDOW_NANOS) {
            replacements.removeFirst();
        }
        if (abortedByTheBroker(error) && replacements.size() < MAX_REPLACEMENTS) {
            replacements.addLast(now);
            LOG.warn("the broker had already aborted this instance's open transaction when it tried to commit it: the"
                    + " instance was paused or cut off for longer than transaction.timeout.ms, and another instance may"
                    + " have taken over its tasks. Nothing of that transaction counts. Starting a new stream thread, which"
                    + " rejoins the group (replacement {} of at most {} in 10 minutes). If this repeats, look for long GC"
                    + " pauses or a starved host.", replacements.size(), MAX_REPLACEMENTS, error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("the job stopped on an error it cannot recover from; fix the cause and start it again", error);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private static boolean abortedByTheBroker(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InvalidTxnStateException) {
                return true;
            }
        }
        return false;
    }
}
