package org.fdipulse.topology;

import org.fdipulse.rules.Rejection;

/** The verdict of an intake step on a decoded record: accepted under a key, or rejected. */
sealed interface Admission<T> {

    record Accept<T>(String key, T value) implements Admission<T> {
    }

    record Reject<T>(Rejection rejection) implements Admission<T> {
    }

    static <T> Admission<T> reject(Rejection rejection) {
        return new Reject<>(rejection);
    }
}
