package org.fdipulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("run's configuration: file, then environment, then flags")
class ConfigSourcesTest {

    @Test
    @DisplayName("later sources win, and every setting passes through")
    void precedence(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("pulse.properties"), List.of(
                "bootstrap.servers=file:9092", "commit.interval.ms=1000", "fdi.reporting.currency=CNY", "producer.linger.ms=7"));
        Map<String, String> env = Map.of("FDI_PULSE_COMMIT_INTERVAL_MS", "500", "FDI_PULSE_BOOTSTRAP_SERVERS", "env:9092",
                "PATH", "/usr/bin");
        Map<String, String> flags = new HashMap<>();
        flags.put("bootstrap.servers", "flag:9092");
        flags.put("application.id", null); // a flag not given changes nothing

        Properties p = ConfigSources.resolve(file, env, flags);

        assertEquals("flag:9092", p.getProperty("bootstrap.servers"));
        assertEquals("500", p.getProperty("commit.interval.ms"));
        assertEquals("CNY", p.getProperty("fdi.reporting.currency"));
        assertEquals("7", p.getProperty("producer.linger.ms"));
        assertEquals(null, p.getProperty("application.id"));
        assertEquals(null, p.getProperty("path"));
    }

    @Test
    @DisplayName("FDI_PULSE_LOG_LEVEL and FDI_PULSE_LOG_FORMAT set the logging, and reach no Kafka client as log.level or log.format")
    void logSettingsStayOutOfKafkaClients() {
        Map<String, String> env = Map.of("FDI_PULSE_LOG_LEVEL", "debug,org.apache.kafka=info", "FDI_PULSE_LOG_FORMAT", "json",
                "FDI_PULSE_BOOTSTRAP_SERVERS", "env:9092");

        Properties settings = ConfigSources.resolve(null, env, Map.of());

        assertEquals("env:9092", settings.getProperty("bootstrap.servers"), "the other FDI_PULSE_* settings pass");
        StreamsConfig job = new StreamsConfig(StreamsSettings.streamsConfig(settings));
        StreamsConfig companion = new StreamsConfig(StreamsSettings.rateRejectionsConfig(settings));
        Map<String, Map<String, ?>> clients = new LinkedHashMap<>();
        clients.put("settings", toMap(settings));
        clients.put("Kafka Streams", toMap(StreamsSettings.streamsConfig(settings)));
        clients.put("the rate companion", toMap(StreamsSettings.rateRejectionsConfig(settings)));
        for (StreamsConfig streams : List.of(job, companion)) {
            String app = streams.getString(StreamsConfig.APPLICATION_ID_CONFIG);
            clients.put(app + " main consumer", streams.getMainConsumerConfigs(app, "c", 0));
            clients.put(app + " restore consumer", streams.getRestoreConsumerConfigs("c"));
            clients.put(app + " global consumer", streams.getGlobalConsumerConfigs("c"));
            clients.put(app + " producer", streams.getProducerConfigs("c"));
            clients.put(app + " admin", streams.getAdminConfigs("c"));
        }
        clients.put("admin", toMap(KafkaClients.admin(settings)));
        clients.put("producer", toMap(KafkaClients.producer(settings)));
        clients.put("consumer", toMap(KafkaClients.consumer(settings)));
        clients.forEach((client, config) -> {
            assertFalse(config.containsKey("log.level"), client + ": " + config.keySet());
            assertFalse(config.containsKey("log.format"), client + ": " + config.keySet());
        });
    }

    private static Map<String, ?> toMap(Properties props) {
        Map<String, Object> map = new HashMap<>();
        props.forEach((name, value) -> map.put(name.toString(), value));
        return map;
    }

    @Test
    @DisplayName("environment names follow the apache/kafka image: _ is '.', __ is '_', ___ is '-'")
    void environmentNames() {
        assertEquals("commit.interval.ms", ConfigSources.propertyName("COMMIT_INTERVAL_MS"));
        assertEquals("fdi.topic.measure-updates", ConfigSources.propertyName("FDI_TOPIC_MEASURE___UPDATES"));
        assertEquals("some_odd.name", ConfigSources.propertyName("SOME__ODD_NAME"));
    }
}
