package org.fdipulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
    @DisplayName("environment names follow the apache/kafka image: _ is '.', __ is '_', ___ is '-'")
    void environmentNames() {
        assertEquals("commit.interval.ms", ConfigSources.propertyName("COMMIT_INTERVAL_MS"));
        assertEquals("fdi.topic.measure-updates", ConfigSources.propertyName("FDI_TOPIC_MEASURE___UPDATES"));
        assertEquals("some_odd.name", ConfigSources.propertyName("SOME__ODD_NAME"));
    }
}
