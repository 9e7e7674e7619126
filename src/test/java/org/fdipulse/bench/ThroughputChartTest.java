package org.fdipulse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("bench --chart: throughput against event count, from recorded results")
class ThroughputChartTest {

    @Test
    @DisplayName("one group per event count, the latest run of each, every measured series as a labelled bar")
    void oneGroupPerEventCount(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results.jsonl");
        Files.writeString(results, """
                {"events":125000,"passthroughEventsPerSec":120000,"jobEventsPerSec":4000,"countEventsPerSec":1500}
                {"events":1250000,"passthroughEventsPerSec":150000,"jobEventsPerSec":9000,"jobAlosEventsPerSec":15000,"jobInstancesEventsPerSec":11000}
                {"events":125000,"passthroughEventsPerSec":130000,"jobEventsPerSec":7000,"countEventsPerSec":6500}
                """);
        Path svg = dir.resolve("chart.svg");

        ThroughputChart.render(results, svg);

        String chart = Files.readString(svg);
        assertTrue(chart.startsWith("<svg"));
        assertTrue(chart.contains(">125k events<") && chart.contains(">1.25M events<"), chart);
        assertTrue(chart.contains(">130k<") && chart.contains(">7k<") && chart.contains(">6.5k<"), "latest run of 125k wins");
        assertTrue(!chart.contains(">4k<"), "the earlier run of 125k is not drawn");
        assertTrue(chart.contains(">15k<"), "at_least_once where measured");
        assertTrue(chart.contains(">11k<"), "the job as separate processes where measured");
        assertEquals(7, chart.split("<rect x=").length - 1 - 5, "3 and 4 bars per event count beside the 5 legend swatches");
    }

    @Test
    @DisplayName("figures are written compactly")
    void compact() {
        assertEquals("950", ThroughputChart.compact(950));
        assertEquals("1.2k", ThroughputChart.compact(1234));
        assertEquals("120k", ThroughputChart.compact(120_190));
        assertEquals("1.25M", ThroughputChart.compact(1_250_000));
        assertEquals("5M", ThroughputChart.compact(5_000_000));
    }
}
