package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A live {@code /metrics} scrape through Prometheus' own checker ({@code promtool check metrics}): it parses, and
 * the job's own metrics ({@code fdi_*}) pass its lint. Kafka's client metrics, exposed as the Micrometer binder names
 * them, carry lint remarks of their own ({@code _ns} units, {@code _count} gauges) that are Kafka's to change.
 */
@DisplayName("metrics: a live scrape passes promtool")
class MetricsScrapeIT {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    @DisplayName("promtool parses the scrape, and no fdi_ metric has a lint problem; freshness is a histogram")
    void promtoolChecksScrape() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed (apt-get install prometheus; .ci/run does)");
        Deployment d = new Deployment("metrics");
        int port = Deployment.freePort();
        try (Jar.Running job = d.run("USD", port)) {
            JobHttp.awaitHealthy(port, job);
            String scrape = JobHttp.get(port, "/metrics").body();
            assertTrue(scrape.contains("fdi_output_freshness_seconds_bucket{"), "freshness as histogram buckets");
            assertTrue(scrape.contains("fdi_stream_threads_replaced_total"), "replaced threads");

            Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").start();
            promtool.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
            promtool.getOutputStream().close();
            String problems = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    + new String(promtool.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(promtool.waitFor(1, TimeUnit.MINUTES));
            // 0: clean; 3: lint remarks only. Anything else (1: the text does not parse) fails.
            assertTrue(List.of(0, 3).contains(promtool.exitValue()), "promtool exit " + promtool.exitValue() + ": " + problems);
            assertTrue(!problems.contains("error while linting"), problems);
            List<String> ours = problems.lines().filter(line -> line.startsWith("fdi_")).toList();
            assertEquals(List.of(), ours, "lint problems of the job's own metrics");
            job.assertStopsCleanly();
        }
    }
}
