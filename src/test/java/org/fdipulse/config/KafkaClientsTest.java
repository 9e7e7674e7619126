package org.fdipulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every Kafka client of every command gets the user's connection settings")
class KafkaClientsTest {

    private static Properties userSettings() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", "broker-1:9093");
        p.setProperty("security.protocol", "SASL_SSL");
        p.setProperty("sasl.mechanism", "SCRAM-SHA-512");
        p.setProperty("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"fdi\" password=\"s3cret\";");
        p.setProperty("ssl.truststore.location", "/etc/kafka/truststore.p12");
        p.setProperty("application.id", "fdi-pulse");
        p.setProperty("commit.interval.ms", "200");
        p.setProperty("fdi.reporting.currency", "CNY");
        p.setProperty("producer.acks", "1");
        p.setProperty("consumer.max.poll.records", "50");
        return p;
    }

    @Test
    @DisplayName("connection and security settings reach the Admin client, the producer and the consumer")
    void securitySettingsEverywhere() {
        for (Properties client : new Properties[] {KafkaClients.admin(userSettings()), KafkaClients.producer(userSettings()),
                KafkaClients.consumer(userSettings())}) {
            assertEquals("broker-1:9093", client.getProperty("bootstrap.servers"));
            assertEquals("SASL_SSL", client.getProperty("security.protocol"));
            assertEquals("SCRAM-SHA-512", client.getProperty("sasl.mechanism"));
            assertTrue(client.getProperty("sasl.jaas.config").contains("username=\"fdi\""));
            assertEquals("/etc/kafka/truststore.p12", client.getProperty("ssl.truststore.location"));
        }
    }

    @Test
    @DisplayName("Streams and fdi.* settings stay out; prefixed ones go to their client alone")
    void onlyWhatTheClientKnows() {
        Properties admin = KafkaClients.admin(userSettings());
        Properties producer = KafkaClients.producer(userSettings());
        Properties consumer = KafkaClients.consumer(userSettings());
        for (Properties client : new Properties[] {admin, producer, consumer}) {
            assertFalse(client.containsKey("application.id"));
            assertFalse(client.containsKey("commit.interval.ms"));
            assertFalse(client.containsKey("fdi.reporting.currency"));
        }
        assertEquals("1", producer.getProperty("acks"));
        assertFalse(consumer.containsKey("acks"));
        assertEquals("50", consumer.getProperty("max.poll.records"));
        assertFalse(producer.containsKey("max.poll.records"));
    }

    @Test
    @DisplayName("authentication and TLS failures name the settings to check, never their values")
    void failuresExplained() {
        String sasl = KafkaFailures.explain(new ExecutionException(new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"))).orElseThrow();
        assertTrue(sasl.contains("sasl.jaas.config") && sasl.contains("sasl.mechanism"), sasl);
        String tls = KafkaFailures.explain(new SslAuthenticationException("SSL handshake failed")).orElseThrow();
        assertTrue(tls.contains("ssl.truststore.location"), tls);
        assertTrue(KafkaFailures.explain(new IllegalStateException("other")).isEmpty());
        String unreachable = KafkaFailures.explainOrUnreachable(new TimeoutException("timed out"),
                "localhost:1");
        assertTrue(unreachable.startsWith("no answer from localhost:1"), unreachable);
        assertFalse(unreachable.contains("s3cret"));
    }
}
