package org.fdipulse.config;

import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The one place that turns the user's settings (config file, {@code FDI_PULSE_*} environment, {@code --set}) into the
 * configuration of each plain Kafka client a command creates — the Admin client that creates topics, the live feed's
 * and {@code tail}'s consumers, {@code ingest}'s producer — so that a secured cluster's settings ({@code
 * security.protocol}, {@code sasl.*}, {@code ssl.*}, …) reach every one of them, as they reach Kafka Streams' own.
 *
 * <p>As in Kafka Streams: a setting the client knows passes through, and one prefixed {@code admin.},
 * {@code producer.} or {@code consumer.} goes to that client alone and wins. Settings a client does not know (Kafka
 * Streams' and the job's {@code fdi.*}) stay out, so the clients do not warn about them.
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    public static Properties admin(Properties settings) {
        return select(settings, AdminClientConfig.configNames(), "admin.");
    }

    public static Properties producer(Properties settings) {
        return select(settings, ProducerConfig.configNames(), "producer.");
    }

    public static Properties consumer(Properties settings) {
        return select(settings, ConsumerConfig.configNames(), "consumer.");
    }

    private static Properties select(Properties settings, Set<String> known, String prefix) {
        Properties client = new Properties();
        for (String name : settings.stringPropertyNames()) {
            if (known.contains(name)) {
                client.setProperty(name, settings.getProperty(name));
            }
        }
        for (String name : settings.stringPropertyNames()) {
            if (name.startsWith(prefix) && known.contains(name.substring(prefix.length()))) {
                client.setProperty(name.substring(prefix.length()), settings.getProperty(name));
            }
        }
        return client;
    }
}
