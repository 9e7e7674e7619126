package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code ingest} and {@code tail} as contract section 4 says, against a real broker. */
@DisplayName("ingest and tail on a real broker")
class IngestAndTailIT {

    private final String bootstrap = SharedBroker.bootstrapServers();

    @Test
    @DisplayName("ingest sends every line the schema can hold, reports each other line as 'line N: REASON: message', exits 1")
    void ingestRejectsOnlyWhatTheSchemaCannotHold() throws Exception {
        Path file = Files.createDirectories(Path.of("target", "it-data", "ingest")).resolve("rates.jsonl");
        Files.write(file, List.of(
                "{\"currency\": \"CNY\", \"unitsPerUsd\": \"7.1\", \"validFrom\": \"2025-01-01T00:00:00Z\"}",
                "{\"currency\": \"CNY\", \"unitsPerUsd\": 7.2, \"validFrom\": \"2025-02-01T08:00:00+08:00\"}",
                "not json",
                "{\"currency\": \"CNY\", \"validFrom\": \"2025-01-01T00:00:00Z\"}",
                "{\"currency\": 7, \"unitsPerUsd\": \"7.1\", \"validFrom\": \"2025-01-01T00:00:00Z\"}",
                "{\"currency\": \"CNY\", \"unitsPerUsd\": \"seven\", \"validFrom\": \"2025-01-01T00:00:00Z\"}",
                "{\"currency\": \"CNY\", \"unitsPerUsd\": \"7.1\", \"validFrom\": \"yesterday\"}",
                "{\"currency\": \"CNY\", \"unitsPerUsd\": \"7.1234567\", \"validFrom\": \"2025-01-01T00:00:00Z\"}",
                "{\"currency\": \"EU\", \"unitsPerUsd\": \"-1\", \"validFrom\": \"2025-01-01T00:00:00Z\"}"));

        Jar.Result ingest = Jar.run("ingest", "--bootstrap-servers", bootstrap, "--kind", "fx-rates", "--topic", "it.rates", file.toString());

        assertEquals(1, ingest.exit());
        List<String> errors = ingest.err().lines().filter(l -> l.startsWith("line ")).toList();
        assertEquals(List.of("line 3: BAD_JSON", "line 4: MISSING_FIELD", "line 5: WRONG_TYPE", "line 6: BAD_NUMBER",
                        "line 7: BAD_INSTANT", "line 8: TOO_MANY_DECIMALS"),
                errors.stream().map(l -> l.substring(0, l.indexOf(':', l.indexOf(':') + 1))).toList(), ingest.err());
        assertTrue(errors.get(1).contains("unitsPerUsd"), "the message names the field: " + errors.get(1));

        Jar.Result tail = Jar.run("tail", "--bootstrap-servers", bootstrap, "it.rates", "--from-beginning", "--idle-exit", "2");
        assertEquals(0, tail.exit(), tail.err());
        // the line the rules reject (EU, -1) is still sent: the job, not ingest, dead-letters it
        assertEquals(List.of(
                "{\"key\":\"CNY\",\"value\":{\"currency\":\"CNY\",\"unitsPerUsd\":\"7.100000\",\"validFrom\":\"2025-01-01T00:00:00Z\"}}",
                "{\"key\":\"CNY\",\"value\":{\"currency\":\"CNY\",\"unitsPerUsd\":\"7.200000\",\"validFrom\":\"2025-02-01T00:00:00Z\"}}",
                "{\"key\":\"EU\",\"value\":{\"currency\":\"EU\",\"unitsPerUsd\":\"-1.000000\",\"validFrom\":\"2025-01-01T00:00:00Z\"}}"),
                tail.outLines().stream().sorted().toList());
    }

    @Test
    @DisplayName("ingest reads standard input with '-', and exits 0 when every line is sent")
    void ingestFromStandardInput() throws Exception {
        Path file = Files.createDirectories(Path.of("target", "it-data", "ingest")).resolve("measures.jsonl");
        Files.write(file, List.of("{\"updateId\": \"u1\", \"measureId\": \"M-001\", \"city\": \"Hefei\", "
                + "\"focusArea\": \"GREEN\", \"status\": \"PLANNED\", \"occurredAt\": \"2025-03-01T00:00:00Z\"}"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("fdi.pulse.jar", "target/fdi-pulse.jar"), "ingest", "--bootstrap-servers", bootstrap,
                "--kind", "measures", "--topic", "it.measures", "-").redirectInput(file.toFile());
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());

        Jar.Result tail = Jar.run("tail", "--bootstrap-servers", bootstrap, "it.measures", "--from-beginning", "--idle-exit", "2");
        assertEquals(List.of("{\"key\":\"hefei|M-001\",\"value\":{\"updateId\":\"u1\",\"measureId\":\"M-001\",\"city\":\"Hefei\","
                + "\"focusArea\":\"GREEN\",\"status\":\"PLANNED\",\"occurredAt\":\"2025-03-01T00:00:00Z\"}}"), tail.outLines());
    }

    @Test
    @DisplayName("usage errors exit 2; a topic that does not exist makes tail exit 1")
    void exitCodes() throws Exception {
        assertEquals(2, Jar.run("ingest", "--bootstrap-servers", bootstrap, "--kind", "bogus", "x.jsonl").exit());
        assertEquals(2, Jar.run("tail").exit());
        assertEquals(2, Jar.run("frobnicate").exit());
        assertEquals(0, Jar.run("run", "--help").exit());
        Jar.Result missing = Jar.run("tail", "--bootstrap-servers", bootstrap, "no.such.topic", "--idle-exit", "1");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("no.such.topic"), missing.err());
    }
}
