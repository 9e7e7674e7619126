package org.fdipulse.serde.registry;

/** The registry answered that it holds no schema under the id a record names (HTTP 404, error code 40403). */
public final class UnknownSchemaException extends RuntimeException {

    public UnknownSchemaException(String message) {
        super(message);
    }
}
