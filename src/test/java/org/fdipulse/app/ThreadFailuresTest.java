package org.fdipulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a stream thread that dies is replaced, counted and named")
class ThreadFailuresTest {

    @Test
    @DisplayName("every death is a replacement; the count and the last error are kept for /metrics and /health")
    void replacedAndCounted() {
        ThreadFailures failures = new ThreadFailures();
        var handler = failures.handlerFor("the job");
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, handler.handle(new StreamsException("boom")));
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD,
                handler.handle(new KafkaException(new InvalidTxnStateException("already aborted"))));
        assertEquals(2, failures.count());
        assertTrue(failures.last().orElseThrow().contains("the job: org.apache.kafka.common.KafkaException"),
                failures.last().orElseThrow());
    }

    @Test
    @DisplayName("a RocksDB write refused for lack of space is recognised through its causes, and replaced like any other")
    void noSpaceLeftRecognised() {
        String rocksDb = "While appending to file: /state/app/4_0/rocksdb/measure-updates-in-force/000013.sst: No space left on device";
        StreamsException died = new StreamsException("Exception caught in process. taskId=4_0",
                new ProcessorStateException("Error while putting key/value into store measure-updates-in-force",
                        new RuntimeException(rocksDb)));
        assertEquals(rocksDb, ThreadFailures.noSpaceLeft(died).orElseThrow());
        assertTrue(ThreadFailures.noSpaceLeft(new StreamsException("boom", new ProcessorStateException("closed"))).isEmpty());
        ThreadFailures failures = new ThreadFailures();
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, failures.handlerFor("the job").handle(died));
        assertEquals(1, failures.count());
    }

    @Test
    @DisplayName("the last error is cut to 500 characters")
    void lastErrorBounded() {
        ThreadFailures failures = new ThreadFailures();
        failures.handlerFor("the rate companion").handle(new StreamsException("x".repeat(10_000)));
        assertEquals(500, failures.last().orElseThrow().length());
    }
}
