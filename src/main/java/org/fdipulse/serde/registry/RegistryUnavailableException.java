package org.fdipulse.serde.registry;

/**
 * The registry gave no usable answer: no connection, a timeout, HTTP 5xx, 401/403 or an answer that is not the API's.
 * Not a fault of the record being read: the caller waits and tries again, and nothing is dead-lettered for it.
 */
public final class RegistryUnavailableException extends RuntimeException {

    public RegistryUnavailableException(String message) {
        super(message);
    }

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
