package org.fdipulse.topology;

import org.fdipulse.rules.Rejection;

/** What an intake step made of one input record: a value to process, or the input's own key and bytes to reject. */
sealed interface Intake<T> {

    /** @param inPlace whether the input was keyed by the value's ledger key already, so sits in its ledger partition */
    record Accepted<T>(T value, boolean inPlace) implements Intake<T> {
    }

    record Rejected<T>(byte[] key, byte[] value, Rejection rejection) implements Intake<T> {
    }
}
