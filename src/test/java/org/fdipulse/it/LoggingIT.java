package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The log settings of the README, on the commands of the built jar: the lines they really write. */
@DisplayName("logging: levels and format chosen at start; Kafka's warnings always shown")
class LoggingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEXT_WARN_OF_NETWORK_CLIENT = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4} \\[[^]]+] WARN org\\.apache\\.kafka\\.clients\\.NetworkClient - "
                    + ".*Connection to node -1 \\(/127\\.0\\.0\\.1:\\d+\\) could not be established.*$", Pattern.MULTILINE);

    @Test
    @DisplayName("a Kafka client's WARN (no broker at the address) shows under the shipped defaults, and under FDI_PULSE_LOG_LEVEL=error")
    void kafkaWarningsAreNeverHiddenByTheDefaults() throws Exception {
        int closedPort = closedPort();
        for (Map<String, String> environment : List.of(Map.<String, String>of(), Map.of("FDI_PULSE_LOG_LEVEL", "error"))) {
            try (Jar.Running job = Jar.start(environment, "run", "--bootstrap-servers", "127.0.0.1:" + closedPort,
                    "--state-dir", scratch("state").toString(), "--http-port", String.valueOf(closedPort()))) {
                Leaders.awaitCondition("the NetworkClient's WARN under " + environment,
                        () -> TEXT_WARN_OF_NETWORK_CLIENT.matcher(job.err()).find());
            }
        }
    }

    @Test
    @DisplayName("FDI_PULSE_LOG_FORMAT=json: every line one JSON object (time, level, logger, thread, message), at the levels of the environment and flags")
    void jsonLinesAtTheChosenLevels() throws Exception {
        // Kafka's INFO asked for by the environment, the job's own INFO turned off by the flag: both visible in the lines
        Map<String, String> environment = Map.of("FDI_PULSE_LOG_FORMAT", "json", "FDI_PULSE_LOG_LEVEL", "info,org.apache.kafka=info");
        List<JsonNode> lines;
        try (Jar.Running broker = Jar.start(environment, "broker", "--port", "0", "--data-dir", scratch("broker").toString(),
                "--log-level", "org.fdipulse=warn")) {
            Leaders.awaitCondition("the broker's start", () -> broker.out().contains("Kafka broker running"));
            broker.close();
            lines = parseEveryLine(broker.err());
        }

        Set<String> fields = Set.of("time", "level", "logger", "thread", "message", "exception");
        for (JsonNode line : lines) {
            Set<String> names = new HashSet<>();
            line.fieldNames().forEachRemaining(names::add);
            assertTrue(fields.containsAll(names) && names.containsAll(List.of("time", "level", "logger", "thread", "message")),
                    "fields of " + line);
            Instant.parse(line.get("time").asText());
            assertTrue(Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(line.get("level").asText()), line.toString());
        }
        assertTrue(lines.stream().anyMatch(l -> l.get("level").asText().equals("INFO") && l.get("logger").asText().startsWith("org.apache.kafka.")),
                "Kafka's INFO lines, asked for by FDI_PULSE_LOG_LEVEL: " + lines.size() + " lines");
        assertFalse(lines.stream().anyMatch(l -> l.get("logger").asText().startsWith("org.fdipulse.") && l.get("level").asText().equals("INFO")),
                "no INFO of the job's own loggers under --log-level org.fdipulse=warn");
    }

    @Test
    @DisplayName("the job's own INFO shows under the defaults, as text")
    void defaultsShowTheJobsOwnInfo() throws Exception {
        try (Jar.Running broker = Jar.start(Map.of(), "broker", "--port", "0", "--data-dir", scratch("broker").toString())) {
            Leaders.awaitCondition("the broker's start", () -> broker.out().contains("Kafka broker running"));
            broker.assertStopsCleanly();
            List<String> lines = broker.err().lines().toList();
            assertTrue(lines.stream().anyMatch(l -> l.matches(".* \\[main] INFO org\\.fdipulse\\.broker\\.EmbeddedBroker - Kafka broker \\(KRaft.*")),
                    String.join("\n", lines));
            assertFalse(lines.stream().anyMatch(l -> l.contains(" INFO org.apache.kafka.")), "Kafka's INFO is off by default");
        }
    }

    @Test
    @DisplayName("run --embedded-broker starts without the GlobalThread warning and without its broker's own warnings")
    void embeddedStartIsQuiet() throws Exception {
        try (Jar.Running job = Jar.start(Map.of(), "run", "--embedded-broker", "--state-dir", scratch("state").toString(),
                "--http-port", String.valueOf(closedPort()))) {
            Leaders.awaitCondition("the job's HTTP server", () -> job.err().contains("HTTP API and dashboard on"));
            job.assertStopsCleanly();
            List<String> lines = job.err().lines().toList();
            assertTrue(lines.stream().anyMatch(l -> l.contains(" INFO org.fdipulse.app.PulseApp - fdi-pulse started")), job.err());
            assertFalse(lines.stream().anyMatch(l -> l.contains("Processing exception handler is not enabled for the GlobalThread")), job.err());
            assertFalse(lines.stream().anyMatch(l -> l.matches(".* WARN org\\.apache\\.kafka\\.(controller|server|raft|metadata|storage|coordinator)\\..*")),
                    job.err());
        }
    }

    @Test
    @DisplayName("an unknown level or format is a usage error (exit 2) that names it")
    void unknownSettingsAreUsageErrors() throws Exception {
        Jar.Result level = Jar.run("tail", "--bootstrap-servers", "127.0.0.1:1", "--log-level", "org.apache.kafka=loud", "some.topic");
        assertEquals(2, level.exit());
        assertTrue(level.err().contains("'org.apache.kafka=loud'"), level.err());
        Jar.Result format = Jar.run("--log-format", "yaml", "tail", "--bootstrap-servers", "127.0.0.1:1", "some.topic");
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("'yaml'"), format.err());
    }

    private static List<JsonNode> parseEveryLine(String text) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.lines().toList()) {
            JsonNode node = JSON.readTree(line);
            assertTrue(node != null && node.isObject(), "not a JSON object: " + line);
            lines.add(node);
        }
        assertFalse(lines.isEmpty(), "no log lines at all");
        return lines;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path scratch(String name) throws Exception {
        return Files.createDirectories(Path.of("target", "it-data", "logging")).resolve(name + "-" + UUID.randomUUID());
    }
}
