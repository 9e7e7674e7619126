package org.fdipulse.app;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.errors.InvalidTxnStateException;
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
 *
 * <p>One such fault is known: a "zombie", an instance paused or cut off for longer than {@code
 * transaction.timeout.ms}, whose open transaction the coordinator aborted while another instance took over its tasks.
 * When it wakes and commits, Kafka 4.4 answers INVALID_TXN_STATE, which the producer treats as fatal, where
 * PRODUCER_FENCED (handled by Kafka Streams by rejoining the group) is meant (KAFKA-20785, seen in
 * ClusterZombieFencingIT). Nothing of that transaction counts, and the new thread rejoins the group.
 *
 * <p>Another is a full state directory: a RocksDB write fails with "No space left on device" (DiskFullIT). Under
 * exactly-once Kafka Streams then deletes the failed tasks' local state, and the new thread restores it from the
 * changelog topics when there is room; the log names the file and the fix ({@link StateDirectorySpace} says when the
 * space runs out and comes back).
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
            if (abortedByTheBroker(error)) {
                LOG.warn("the broker had already aborted this instance's open transaction when it tried to commit it: the "
                        + "instance was paused or cut off for longer than transaction.timeout.ms, and another instance may "
                        + "have taken over its tasks. Nothing of that transaction counts; a new stream thread of {} rejoins "
                        + "the group ({} replaced so far). If this repeats, look for long GC pauses or a starved host.",
                        application, count.sum(), error);
            } else if (noSpaceLeft(error).isPresent()) {
                LOG.error("a stream thread of {} died because the state directory has no space left ({}). It is being "
                        + "replaced ({} so far); Kafka Streams deletes the failed tasks' local state and restores it from "
                        + "the changelog topics once there is room, and nothing it had not committed is lost or counted "
                        + "twice. Free space on the state directory's filesystem, or stop the job and move --state-dir to "
                        + "a larger one", application, noSpaceLeft(error).get(), count.sum(), error);
            } else {
                LOG.error("a stream thread of {} died on an error and is being replaced ({} so far); nothing it had not "
                        + "committed is lost or counted twice. If this repeats, the cause below needs fixing", application,
                        count.sum(), error);
            }
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        };
    }

    private static boolean abortedByTheBroker(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InvalidTxnStateException) {
                return true;
            }
        }
        return false;
    }

    /** The message naming the file a write failed on for lack of space (ENOSPC), if that is what {@code error} is. */
    static Optional<String> noSpaceLeft(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("No space left on device")) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    public long count() {
        return count.sum();
    }

    /** When and where the last thread died, and on what error (without its stack trace). */
    public Optional<String> last() {
        return Optional.ofNullable(last.get());
    }
}
