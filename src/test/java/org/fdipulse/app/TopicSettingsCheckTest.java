package org.fdipulse.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.fdipulse.output.Outputs;
import org.fdipulse.config.Topics;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("run checks the settings of topics that existed before it")
class TopicSettingsCheckTest {

    private static final Topics TOPICS = Topics.from(new Properties());

    private static Config config(String... namesAndValues) {
        List<ConfigEntry> entries = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            entries.add(new ConfigEntry(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new Config(entries);
    }

    private static Map<String, Config> good() {
        Map<String, Config> settings = new HashMap<>();
        settings.put(TOPICS.fxRates(), config("retention.ms", "-1", "retention.bytes", "-1", "cleanup.policy", "delete"));
        for (String output : TOPICS.outputs()) {
            settings.put(output, config("cleanup.policy", "compact"));
        }
        return settings;
    }

    @Test
    @DisplayName("the settings run creates pass, and so do compact,delete outputs")
    void goodSettings() {
        Map<String, Config> settings = good();
        settings.put(TOPICS.name(Outputs.SERVICES_SHARE), config("cleanup.policy", "compact,delete"));
        assertEquals(List.of(), TopicSettingsCheck.problems(TOPICS, settings));
    }

    @Test
    @DisplayName("a rates topic that expires or compacts records, and an output that is not compacted, are named with the fix")
    void badSettings() {
        Map<String, Config> settings = good();
        settings.put(TOPICS.fxRates(), config("retention.ms", "604800000", "retention.bytes", "-1", "cleanup.policy", "compact"));
        settings.put(TOPICS.name(Outputs.PILOT_PROGRESS), config("cleanup.policy", "delete"));

        List<String> problems = TopicSettingsCheck.problems(TOPICS, settings);

        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("topic fx.rates has retention.ms=604800000: "), problems.get(0));
        assertTrue(problems.get(0).endsWith("--entity-name fx.rates --add-config retention.ms=-1"), problems.get(0));
        assertTrue(problems.get(1).startsWith("topic fx.rates has cleanup.policy=compact: "), problems.get(1));
        assertTrue(problems.get(2).startsWith("topic pilot.progress has cleanup.policy=delete: "), problems.get(2));
        assertTrue(problems.get(2).endsWith("--add-config cleanup.policy=compact"), problems.get(2));
    }

    @Test
    @DisplayName("run stops on a problem unless fdi.topics.check=warn")
    void failOrWarn() {
        Map<String, Config> settings = good();
        settings.put(TOPICS.fxRates(), config("retention.ms", "-1", "retention.bytes", "1073741824", "cleanup.policy", "delete"));
        IllegalStateException stop = assertThrows(IllegalStateException.class,
                () -> TopicSettingsCheck.of(new Properties()).verify(TOPICS, settings));
        assertTrue(stop.getMessage().contains("retention.bytes=1073741824"), stop.getMessage());
        assertTrue(stop.getMessage().contains("--set fdi.topics.check=warn"), stop.getMessage());

        Properties warn = new Properties();
        warn.setProperty("fdi.topics.check", "warn");
        assertDoesNotThrow(() -> TopicSettingsCheck.of(warn).verify(TOPICS, settings));
    }

    @Test
    @DisplayName("the changelog of a store an earlier version kept stops the start, naming the reset")
    void earlierStateLayout() {
        Set<String> upgraded = Set.of("fdi.investments", "fdi-pulse-sector-cells-changelog", "fdi-pulse-pilot-progress-changelog");
        assertTrue(TopicSettingsCheck.earlierState(upgraded, "fdi-pulse").isEmpty(), "the current layout's changelogs");
        Set<String> earlier = Set.of("fdi.investments", "fdi-pulse-sector-cells-changelog", "fdi-pulse-progress-city-area-changelog");
        String refusal = TopicSettingsCheck.earlierState(earlier, "fdi-pulse").orElseThrow();
        assertTrue(refusal.contains("fdi-pulse-progress-city-area-changelog") && refusal.contains("kafka-streams-application-reset"),
                refusal);
        assertTrue(TopicSettingsCheck.earlierState(earlier, "another-job").isEmpty(), "another application's state is its own");
        Set<String> format4 = Set.of("fdi.investments", "fdi-pulse-investment-partial-sums-changelog",
                "fdi-pulse-investment-source-sums-changelog");
        assertTrue(TopicSettingsCheck.earlierState(format4, "fdi-pulse").orElseThrow()
                .contains("fdi-pulse-investment-source-sums-changelog"), "the source sums of internal format 4");
    }

    @Test
    @DisplayName("state before v3 (published shares, no programme-impact panel or no source mix) stops the start: they would miss them")
    void stateBeforeV3() {
        Set<String> v2 = Set.of("fdi.investments", "fdi-pulse-services-share-published-changelog");
        String refusal = TopicSettingsCheck.earlierState(v2, "fdi-pulse").orElseThrow();
        assertTrue(refusal.contains("before contract v3") && refusal.contains("kafka-streams-application-reset"), refusal);
        Set<String> firstV3Build = Set.of("fdi.investments", "fdi-pulse-services-share-published-changelog",
                "fdi-pulse-programme-impact-panel-changelog");
        String noSourceMix = TopicSettingsCheck.earlierState(firstV3Build, "fdi-pulse").orElseThrow();
        assertTrue(noSourceMix.contains("source-mix-quarters"), noSourceMix);
        Set<String> v3 = Set.of("fdi.investments", "fdi-pulse-services-share-published-changelog",
                "fdi-pulse-programme-impact-panel-changelog", "fdi-pulse-source-mix-quarters-changelog");
        assertTrue(TopicSettingsCheck.earlierState(v3, "fdi-pulse").isEmpty(), "v3's own state");
        assertTrue(TopicSettingsCheck.earlierState(Set.of("fdi.investments"), "fdi-pulse").isEmpty(), "a new application");
    }
}
