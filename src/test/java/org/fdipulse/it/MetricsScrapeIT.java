package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A live {@code /metrics} scrape through Prometheus' own checker ({@code promtool check metrics}): it parses, and
 * the job's own metrics ({@code fdi_*}) pass its lint. Kafka's client metrics, exposed as the Micrometer binder names
 * them, carry lint remarks of their own ({@code _ns} units, {@code _count} gauges) that are Kafka's to change.
 */
@DisplayName("metrics: the published figures as gauges, and a live scrape passes promtool")
class MetricsScrapeIT {

    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    /**
     * Scrapes until one text holds every line {@code expected}: the figures reach the stores a publication interval
     * later, and figures of different scopes (ALL, a city) or read by the programme-impact task from several records
     * may arrive one after the other, so a figure seen alone may be a state on the way.
     */
    private static String awaitScrape(int port, Jar.Running job, String... expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String scrape = "";
        while (System.nanoTime() < deadline && job.isAlive()) {
            String now = JobHttp.get(port, "/metrics").body();
            scrape = now;
            if (Arrays.stream(expected).allMatch(now::contains)) {
                return scrape;
            }
            Thread.sleep(200);
        }
        String text = scrape;
        throw new AssertionError("not all of " + Arrays.stream(expected).filter(e -> !text.contains(e)).toList() + " in /metrics: "
                + scrape.lines().filter(l -> l.startsWith("fdi_")).toList());
    }

    @Test
    @DisplayName("share, amounts, implementation rate, firing alerts, the programme's impact and the source groups' shares as gauges; promtool parses the scrape, no fdi_ metric has a lint problem")
    void promtoolChecksScrape() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed (apt-get install prometheus; .ci/run does)");
        Deployment d = new Deployment("metrics");
        int port = Deployment.freePort();
        Path dir = Files.createDirectories(Path.of("target", "it-data", "metrics"));
        Path investments = dir.resolve("investments.jsonl");
        Files.write(investments, List.of(
                // R11's sources: Hong Kong (HONG_KONG_MACAO), the United Kingdom (in no group since it left the EU on
                // 2020-02-01), Germany (EU); m4 names none (unspecified)
                "{\"eventId\":\"m1\",\"city\":\"beijing\",\"sector\":\"F\",\"amount\":\"30.00\",\"currency\":\"USD\",\"occurredAt\":\"2025-02-01T00:00:00Z\",\"sourceEconomy\":\"HK\"}",
                "{\"eventId\":\"m2\",\"city\":\"beijing\",\"sector\":\"C\",\"amount\":\"10.00\",\"currency\":\"USD\",\"occurredAt\":\"2025-02-01T00:00:00Z\",\"sourceEconomy\":\"GB\"}",
                // a year earlier, all industry: its share 0 fires services-share-below for shanghai and ALL in 2024-Q1
                "{\"eventId\":\"m3\",\"city\":\"shanghai\",\"sector\":\"C\",\"amount\":\"10.00\",\"currency\":\"USD\",\"occurredAt\":\"2024-02-01T00:00:00Z\",\"sourceEconomy\":\"DE\"}",
                // R10: 1,000,000 of services in 'other' (the only never-treated city) in 2024-Q4 and none in 2025-Q1.
                // Every city of the 2025 cohort has no services (Y = 0) before its pilot, so the event study is the
                // control's change negated: e = -2 (2024-Q4 on Q3) -ln 2, e = -1 (2025-Q1 on 2024-Q4) +ln 2 = 0.6931
                "{\"eventId\":\"m4\",\"city\":\"other\",\"sector\":\"K\",\"amount\":\"1000000.00\",\"currency\":\"USD\",\"occurredAt\":\"2024-11-01T00:00:00Z\"}"));
        Path measures = dir.resolve("measures.jsonl");
        Files.write(measures, List.of(
                "{\"updateId\":\"u1\",\"measureId\":\"M-1\",\"city\":\"beijing\",\"focusArea\":\"FINANCE\",\"status\":\"IMPLEMENTED\",\"occurredAt\":\"2025-02-01T00:00:00Z\"}",
                "{\"updateId\":\"u2\",\"measureId\":\"M-2\",\"city\":\"beijing\",\"focusArea\":\"FINANCE\",\"status\":\"PLANNED\",\"occurredAt\":\"2025-02-01T00:00:00Z\"}"));
        try (Jar.Running job = d.run("USD", port)) {
            JobHttp.awaitHealthy(port, job);
            d.ingest("investments", investments);
            d.ingest("measures", measures);
            // 30.00 of 40.00 in services (F; C is not), one of two measures implemented: written out by hand
            String scrape = awaitScrape(port, job, "fdi_services_share{quarter=\"2025-Q1\",scope=\"ALL\",window=\"quarter\"} 0.75",
                    "fdi_investment_amount{currency=\"USD\",part=\"total\",quarter=\"2025-Q1\",scope=\"beijing\",window=\"ytd\"} 40.0");
            String rate = "fdi_pilot_implementation_rate{focus_area=\"FINANCE\",scope=\"beijing\"} 0.5";
            assertTrue(awaitScrape(port, job, rate).contains(rate));
            String firing = "fdi_alerts_firing{rule=\"services-share-below\"} 2.0";
            scrape = awaitScrape(port, job, firing);
            assertTrue(scrape.contains(firing), scrape);
            assertTrue(scrape.contains("fdi_alerts_firing{rule=\"ytd-yoy-below\"} 0.0"), "every rule has a row");
            // the event study's two quarters, by hand, awaited together: until shanghai's 2024-Q1 record reaches the
            // panel, the panel starts in 2024-Q4 and has e = -1 but no e = -2 (R10: t0 is the earliest quarter with a record)
            scrape = awaitScrape(port, job, "fdi_programme_impact{event_time=\"-1\",figure=\"estimate\",kind=\"event_time\"} 0.6931",
                    "fdi_programme_impact{event_time=\"-2\",figure=\"estimate\",kind=\"event_time\"} -0.6931");
            // R11, by hand: of ALL's 40.00 in 2025-Q1 (beijing's), 30.00 came from Hong Kong (0.75) and 10.00 from the
            // United Kingdom, which left the EU before (EU 0.0, not 0.25); the year to date of beijing is its Q1. All of
            // shanghai's 10.00 in 2024-Q1 came from Germany (EU 1.0).
            scrape = awaitScrape(port, job,
                    "fdi_source_group_share{group=\"HONG_KONG_MACAO\",quarter=\"2025-Q1\",scope=\"ALL\",window=\"quarter\"} 0.75",
                    "fdi_source_group_share{group=\"EU\",quarter=\"2025-Q1\",scope=\"ALL\",window=\"quarter\"} 0.0",
                    "fdi_source_group_share{group=\"ASEAN\",quarter=\"2025-Q1\",scope=\"ALL\",window=\"quarter\"} 0.0",
                    "fdi_source_group_share{group=\"HONG_KONG_MACAO\",quarter=\"2025-Q1\",scope=\"beijing\",window=\"ytd\"} 0.75",
                    "fdi_source_group_share{group=\"EU\",quarter=\"2024-Q1\",scope=\"shanghai\",window=\"quarter\"} 1.0");
            assertTrue(scrape.contains("fdi_build_info{"), "build info");
            assertTrue(scrape.contains("jvm_memory_used_bytes{"), "JVM metrics");
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
