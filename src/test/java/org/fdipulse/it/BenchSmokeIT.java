package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code bench} runs end to end on a small input and prints its JSON line. Figures are measured, never asserted. */
@DisplayName("bench runs and reports every measure")
class BenchSmokeIT {

    @Test
    @DisplayName("the last line is JSON with every key of the report, each a positive figure")
    void reports() throws Exception {
        Jar.Result bench = Jar.run(Duration.ofMinutes(5), "bench", "--events", "3000", "--steady-rate", "500",
                "--steady-seconds", "3", "--instances", "2");
        assertEquals(0, bench.exit(), bench.err());
        List<String> lines = bench.outLines();
        JsonNode report = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        for (String key : List.of("events", "decodeEventsPerSec", "passthroughEventsPerSec", "countEventsPerSec",
                "jobEventsPerSec", "jobRatio", "jobToCountRatio", "passthroughCpuMicrosPerEvent", "countCpuMicrosPerEvent",
                "jobCpuMicrosPerEvent", "jobCpuRatio", "rollupHotPartitionShare", "progressRollupHotPartitionShare", "jobAlosEventsPerSec",
                "jobInstancesEventsPerSec", "jobInstancesSpeedup", "jobInstancesProcessCpuMicrosPerEvent", "freshnessP50Ms",
                "freshnessP99Ms", "peakHeapMb", "stateMb", "countStoreCpuMicrosPerEvent", "jobStoreCpuMicrosPerEvent",
                "runEventsPerSec", "runToJobRatio", "runProcessCpuMicrosPerEvent", "countFreshnessP50Ms", "countFreshnessP99Ms",
                "freshnessP99ToCountRatio")) {
            assertTrue(report.has(key), key + " in " + report);
            // a figure, not a speed: zero or below would mean a phase measured nothing (state on disk may round to 0, and
            // RocksDB's background threads, counted in ticks of 10 ms, may have had nothing to do in so short a run)
            boolean mayBeZero = key.equals("stateMb") || key.endsWith("StoreCpuMicrosPerEvent");
            assertTrue(mayBeZero ? report.get(key).asDouble() >= 0 : report.get(key).asDouble() > 0, key + " in " + report);
        }
        assertEquals(3750, report.get("events").asInt(), "3,000 investments and a quarter as many measure updates");
        assertEquals(2, report.get("jobInstances").asInt());
        assertEquals(2, report.get("jobInstanceRecordShares").size(), "one share per job process: " + report);
    }
}
