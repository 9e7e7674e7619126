package org.fdipulse.rules;

/** What the rules make of one decoded input record: accepted, under the key the job groups it by, or rejected. */
public sealed interface Verdict<T> {

    record Accepted<T>(String key, T value) implements Verdict<T> {
    }

    record Rejected<T>(Rejection rejection) implements Verdict<T> {
    }
}
