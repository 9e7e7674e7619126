package org.fdipulse.config;

import java.util.Optional;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * What an error from a Kafka client means to the user, naming the settings to check: authentication and TLS failures
 * otherwise surface as a bare exception (or, for a client that retries, as a timeout) and read like "is the broker
 * running?". Never includes a secret: it names settings, not their values.
 */
public final class KafkaFailures {

    private KafkaFailures() {
    }

    /** A sentence for the user, when the cause is one the user can fix in the settings. */
    public static Optional<String> explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SslAuthenticationException) {
                return Optional.of("the TLS handshake with the broker failed (" + t.getMessage() + "). Check "
                        + "security.protocol (SSL or SASL_SSL), ssl.truststore.location and ssl.truststore.password (the "
                        + "truststore must hold the broker's certificate or its CA), and that the broker's certificate names "
                        + "the host in bootstrap.servers");
            }
            if (t instanceof SaslAuthenticationException) {
                return Optional.of("the broker refused the credentials (" + t.getMessage() + "). Check sasl.mechanism "
                        + "(e.g. SCRAM-SHA-512) and the user name and password in sasl.jaas.config");
            }
            if (t instanceof AuthenticationException) {
                return Optional.of("authentication with the broker failed (" + t.getMessage() + "). Check "
                        + "security.protocol, sasl.mechanism and sasl.jaas.config");
            }
            if (t instanceof AuthorizationException) {
                return Optional.of("the broker refused an operation (" + t.getMessage() + "). Grant the user the ACLs "
                        + "the README lists for this command");
            }
        }
        return Optional.empty();
    }

    /** The explanation, or a generic one for a cluster that could not be reached. */
    public static String explainOrUnreachable(Throwable failure, String bootstrapServers) {
        return explain(failure).orElseGet(() -> (hasTimeout(failure) ? "no answer from " : "cannot talk to ")
                + bootstrapServers + " (" + rootMessage(failure) + "). Is the broker running, and does security.protocol "
                + "match its listener (PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL)?");
    }

    private static boolean hasTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause, as {@code Type: message}. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
