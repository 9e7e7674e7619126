package org.fdipulse.http;

import java.time.Duration;

/** When a request's answer is due; every lookup made for it stops waiting then. */
record Deadline(long atNanos) {

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    long remainingNanos() {
        return Math.max(0, atNanos - System.nanoTime());
    }

    boolean passed() {
        return remainingNanos() == 0;
    }

    /** The earlier of this deadline and {@code limit} from now; at least a millisecond, as timeouts must be positive. */
    Duration remainingAtMost(Duration limit) {
        return Duration.ofNanos(Math.max(1_000_000, Math.min(remainingNanos(), limit.toNanos())));
    }
}
