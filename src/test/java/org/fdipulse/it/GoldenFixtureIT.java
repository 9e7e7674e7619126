package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.fdipulse.testing.Describe;
import org.fdipulse.testing.GoldenFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The golden-2000 oracle on a real broker, through {@code ingest}, {@code run} and {@code tail} only. */
@DisplayName("golden-2000 oracle on a real broker, driven through the commands")
class GoldenFixtureIT {

    @Test
    @DisplayName("after ingest of rates, investments and measures, the output topics hold exactly the oracle's figures")
    void matchesOracle() throws Exception {
        GoldenFixture golden = GoldenFixture.load();
        Deployment d = new Deployment("golden");
        Path dir = Path.of("target", "it-data", "golden");
        d.ingest("fx-rates", GoldenFixture.copyTo(dir, "fx.jsonl"));
        d.ingest("investments", GoldenFixture.copyTo(dir, "investments.jsonl"));
        d.ingest("measures", GoldenFixture.copyTo(dir, "measures.jsonl"));

        try (Jar.Running job = d.run("USD")) {
            Map<String, String> shares = d.awaitTopic(d.outputTopic("services-share", "USD"), Describe::shareJson,
                    golden.shares()::equals, job);
            assertEquals(golden.shares(), shares, "services shares");
            Map<String, String> cells = nonEmpty(d.awaitTopic(d.outputTopic("sector-summary", "USD"), Describe::sectorJson,
                    actual -> golden.sectorCells().equals(nonEmpty(actual, " x0")), job), " x0");
            assertEquals(golden.sectorCells(), cells, "sector cells with counted investments");
            Map<String, String> progress = nonEmpty(d.awaitTopic(d.outputTopic("pilot-progress", "USD"), Describe::progressJson,
                    actual -> golden.progress().equals(nonEmpty(actual, "/0/null")), job), "/0/null");
            assertEquals(golden.progress(), progress, "pilot progress with counted measures");
            assertEquals(golden.deadLetters(), d.deadLettersByReason(), "dead letters by reason");
            job.assertStopsCleanly();
        }
    }

    private static Map<String, String> nonEmpty(Map<String, String> described, String emptySuffix) {
        Map<String, String> out = new TreeMap<>();
        described.forEach((k, v) -> {
            if (!v.endsWith(emptySuffix)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
