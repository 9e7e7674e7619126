package org.fdipulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.fdipulse.output.Outputs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Configuration: defaults, overrides and topic names")
class StreamsSettingsTest {

    @Test
    @DisplayName("exactly-once by default, no built-in dead-letter queue; the user's properties win")
    void defaultsAndOverrides() {
        Properties user = new Properties();
        user.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "pulse-staging");
        Properties config = StreamsSettings.streamsConfig(user);

        assertEquals("exactly_once_v2", config.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertNull(config.getProperty(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
        assertEquals(BoundedRocksDbMemory.class.getName(), config.getProperty(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG),
                "RocksDB memory bounded for the whole process");
        assertEquals("pulse-staging", config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals("fdi-pulse", StreamsSettings.streamsConfig(new Properties()).getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    @Test
    @DisplayName("the companion that dead-letters rates is its own application, named after the job")
    void rateRejectionsApplication() {
        Properties user = new Properties();
        user.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "pulse-staging");
        assertEquals("pulse-staging-rate-rejections",
                StreamsSettings.rateRejectionsConfig(user).getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals("pulse-staging", user.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), "the user's properties stay as they were");
    }

    @Test
    @DisplayName("topics default to the names of contract section 2 and each can be renamed")
    void topics() {
        Topics defaults = Topics.from(new Properties());
        assertEquals(List.of("fdi.investments", "pilot.measure-updates", "fx.rates", "fdi.dead-letter"),
                List.of(defaults.investments(), defaults.measureUpdates(), defaults.fxRates(), defaults.deadLetter()));
        assertEquals(List.of("fdi.sector-summary", "fdi.services-share", "pilot.progress", "fdi.capital-mix", "fdi.alerts",
                        "fdi.programme-impact", "fdi.source-mix"),
                defaults.outputs());
        Properties user = new Properties();
        user.setProperty("fdi.topic.investments", "raw.fdi");
        user.setProperty("fdi.topic.dead-letter", "team.dlq");
        Topics topics = Topics.from(user);
        assertEquals("raw.fdi", topics.investments());
        assertEquals("team.dlq", topics.deadLetter());
        assertEquals("fdi.services-share", topics.name(Outputs.SERVICES_SHARE));
    }

    @Test
    @DisplayName("the reporting currency is USD unless set, upper-cased, and must be three letters")
    void reportingCurrency() {
        assertEquals("USD", PulseSettings.from(new Properties()).reportingCurrency());
        Properties cny = new Properties();
        cny.setProperty(PulseSettings.REPORTING_CURRENCY, " cny");
        assertEquals("CNY", PulseSettings.from(cny).reportingCurrency());
        Properties bad = new Properties();
        bad.setProperty(PulseSettings.REPORTING_CURRENCY, "yuan");
        assertThrows(IllegalArgumentException.class, () -> PulseSettings.from(bad));
    }
}
