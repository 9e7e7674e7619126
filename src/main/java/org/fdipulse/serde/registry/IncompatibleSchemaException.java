package org.fdipulse.serde.registry;

/** The registry refuses a schema under a subject as incompatible with the versions the subject holds. */
public final class IncompatibleSchemaException extends RuntimeException {

    public IncompatibleSchemaException(String message) {
        super(message);
    }
}
