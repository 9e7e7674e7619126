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
    @DisplayName("the last line is JSON with every key of the report")
    void reports() throws Exception {
        Jar.Result bench = Jar.run(Duration.ofMinutes(5), "bench", "--events", "3000", "--steady-rate", "500",
                "--steady-seconds", "3");
        assertEquals(0, bench.exit(), bench.err());
        List<String> lines = bench.outLines();
        JsonNode report = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        for (String key : List.of("events", "decodeEventsPerSec", "passthroughEventsPerSec", "countEventsPerSec",
                "jobEventsPerSec", "jobRatio", "jobToCountRatio", "passthroughCpuMicrosPerEvent", "countCpuMicrosPerEvent",
                "jobCpuMicrosPerEvent", "jobCpuRatio", "rollupHotPartitionShare", "jobAlosEventsPerSec", "freshnessP50Ms",
                "freshnessP99Ms", "peakHeapMb", "stateMb")) {
            assertTrue(report.has(key), key + " in " + report);
        }
        assertEquals(3750, report.get("events").asInt(), "3,000 investments and a quarter as many measure updates");
    }
}
