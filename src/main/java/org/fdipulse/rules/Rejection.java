package org.fdipulse.rules;

/** Why an input record was rejected: an R6 code and a message naming the field, the value and the fix. */
public record Rejection(RejectionReason reason, String message) {
}
