package org.fdipulse.topology;

/**
 * The exception name a rule rejection carries in the KIP-1034 dead-letter header {@code __streams.errors.exception},
 * so that Kafka tooling sees a rejected input the way it sees any other dead letter. A MALFORMED record carries the
 * decoder's own exception instead.
 */
public final class InputRejectedException extends RuntimeException {

    private InputRejectedException() {
        super(null, null, false, false);
    }
}
