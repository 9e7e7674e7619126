package org.fdipulse.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.fdipulse.testing.Describe;
import org.fdipulse.testing.GoldenFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The golden-2000 oracle (figures computed by a separate implementation of contract section 3) through the production
 * topology in a TopologyTestDriver. {@code GoldenFixtureIT} holds the job to the same figures on a real broker.
 */
@DisplayName("golden-2000 oracle through the topology")
class GoldenFixtureTopologyTest {

    @Test
    @DisplayName("every share, sector cell, progress figure and dead letter equals the oracle")
    void matchesOracle() {
        GoldenFixture golden = GoldenFixture.load();
        try (PulseDriver driver = new PulseDriver()) {
            GoldenFixture.rates().forEach(driver::send);
            GoldenFixture.investments().forEach(driver::send);
            GoldenFixture.measures().forEach(driver::send);

            Map<String, String> cells = new TreeMap<>();
            driver.sectorSummaries().forEach((k, v) -> {
                if (v.getInvestments() > 0) {
                    cells.put(k, Describe.of(v));
                }
            });
            assertEquals(golden.sectorCells(), cells, "sector cells with counted investments");
            Map<String, String> shares = new TreeMap<>();
            driver.shares().forEach((k, v) -> shares.put(k, Describe.of(v)));
            assertEquals(golden.shares(), shares, "services shares");
            Map<String, String> progress = new TreeMap<>();
            driver.progress().forEach((k, v) -> {
                if (v.getTotal() > 0) {
                    progress.put(k, Describe.of(v));
                }
            });
            assertEquals(golden.progress(), progress, "pilot progress with counted measures");
            Map<String, Integer> dead = new TreeMap<>();
            driver.deadLetters().forEach(d -> dead.merge(d.reason(), 1, Integer::sum));
            assertEquals(golden.deadLetters(), dead, "dead letters by reason");
        }
    }
}
