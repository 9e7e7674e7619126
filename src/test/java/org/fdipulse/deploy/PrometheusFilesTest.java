package org.fdipulse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("deploy/: the scrape config, alert rules and dashboard queries pass Prometheus' own checker")
class PrometheusFilesTest {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private static String promtool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = PROMTOOL.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(1, TimeUnit.MINUTES), "promtool did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", args) + ": " + output);
        return output;
    }

    @Test
    @DisplayName("every query of the Grafana dashboard is PromQL that promtool accepts")
    void dashboardQueriesParse(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed (apt-get install prometheus; .ci/run does)");
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("deploy/grafana/fdi-pulse.json").toFile());
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int count = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                rules.append("      - record: dashboard:query").append(count++).append("\n        expr: ")
                        .append(new ObjectMapper().writeValueAsString(target.get("expr").asText())).append('\n');
            }
        }
        Path file = dir.resolve("dashboard-rules.yml");
        Files.writeString(file, rules.toString());
        String output = promtool("check", "rules", file.toString());
        assertTrue(output.contains("SUCCESS: " + count + " rules found"), output);
    }

    @Test
    @DisplayName("promtool check rules and check config succeed")
    void promtoolAccepts() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed (apt-get install prometheus; .ci/run does)");
        promtool("check", "rules", "deploy/prometheus/alerts.yml");
        promtool("check", "config", "deploy/prometheus/prometheus.yml");
    }
}
