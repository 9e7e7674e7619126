package org.fdipulse.app;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a dying stream thread: replaced after the broker aborted its transaction (a zombie), otherwise the job stops")
class ThreadErrorHandlerTest {

    private final AtomicLong now = new AtomicLong();
    private final ThreadErrorHandler handler = new ThreadErrorHandler(now::get);

    private static StreamsException commitRefused() {
        return new StreamsException("Error encountered trying to commit a transaction",
                new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state."));
    }

    @Test
    @DisplayName("a commit refused with INVALID_TXN_STATE: a new thread, at most 3 times in 10 minutes")
    void zombieCommitReplacesTheThread() {
        for (int i = 0; i < ThreadErrorHandler.MAX_REPLACEMENTS; i++) {
            assertEquals(REPLACE_THREAD, handler.handle(commitRefused()));
        }
        assertEquals(SHUTDOWN_CLIENT, handler.handle(commitRefused()), "a fourth within 10 minutes");
        now.addAndGet(TimeUnit.MINUTES.toNanos(11));
        assertEquals(REPLACE_THREAD, handler.handle(commitRefused()), "once the earlier ones are 10 minutes old");
    }

    @Test
    @DisplayName("any other error stops the job")
    void otherErrorsStop() {
        assertEquals(SHUTDOWN_CLIENT, handler.handle(new StreamsException("boom", new IllegalStateException("bug"))));
    }
}
