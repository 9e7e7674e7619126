package org.fdipulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
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
    @DisplayName("the last error is cut to 500 characters")
    void lastErrorBounded() {
        ThreadFailures failures = new ThreadFailures();
        failures.handlerFor("the rate companion").handle(new StreamsException("x".repeat(10_000)));
        assertEquals(500, failures.last().orElseThrow().length());
    }
}
