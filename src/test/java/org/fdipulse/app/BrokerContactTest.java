package org.fdipulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("broker contact: an instance cut off from every broker for 15 s says so, and stops saying it once they answer")
class BrokerContactTest {

    private final AtomicLong now = new AtomicLong(0);
    private final AtomicBoolean answering = new AtomicBoolean(true);
    private final BrokerContact contact = new BrokerContact(() -> {
        if (!answering.get()) {
            throw new java.util.concurrent.ExecutionException(new TimeoutException("Timed out waiting for a node assignment."));
        }
        return "cluster-id";
    }, now::get, "10.0.0.1:9092", () -> { });

    private void checkAt(long seconds) {
        now.set(TimeUnit.SECONDS.toNanos(seconds));
        contact.check();
    }

    @Test
    @DisplayName("answers every 5 s: in contact")
    void answering() {
        for (long s = 5; s <= 60; s += 5) {
            checkAt(s);
        }
        assertEquals(Optional.empty(), contact.lost());
    }

    @Test
    @DisplayName("two checks without an answer (10 s) are not an outage; three (15 s) are, named with the bootstrap and the error")
    void cutOff() {
        checkAt(5);
        answering.set(false);
        checkAt(10);
        checkAt(15);
        assertEquals(Optional.empty(), contact.lost(), "10 s without an answer");
        checkAt(20);
        String lost = contact.lost().orElseThrow();
        assertTrue(lost.startsWith("no broker of 10.0.0.1:9092 has answered for 15 s (TimeoutException: Timed out waiting"), lost);
        assertTrue(lost.contains("check the network between this host and the brokers"), lost);
    }

    @Test
    @DisplayName("healed: the first answer ends it")
    void healed() {
        answering.set(false);
        checkAt(30);
        assertTrue(contact.lost().isPresent());
        answering.set(true);
        checkAt(35);
        assertEquals(Optional.empty(), contact.lost());
    }
}
