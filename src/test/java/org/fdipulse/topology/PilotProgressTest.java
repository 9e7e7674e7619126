package org.fdipulse.topology;

import static org.fdipulse.topology.Inputs.measure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.fdipulse.avro.PilotProgress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("R5 pilot progress per city, ALL and focus area")
class PilotProgressTest {

    /** planned/inProgress/implemented/total/rate */
    private static String figures(PilotProgress p) {
        return p.getPlanned() + "/" + p.getInProgress() + "/" + p.getImplemented() + "/" + p.getTotal() + "/"
                + (p.getImplementationRate() == null ? "null" : p.getImplementationRate().toPlainString());
    }

    @Test
    @DisplayName("counts per (city, area), (city, ALL), (ALL, area) and (ALL, ALL) with the implementation rate")
    void countsPerScope() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(measure("u1", "M-001", "beijing", "FINANCE", "IMPLEMENTED", "2025-01-01T00:00:00Z"));
            driver.send(measure("u2", "M-002", "beijing", "FINANCE", "PLANNED", "2025-01-01T00:00:00Z"));
            driver.send(measure("u3", "M-003", "beijing", "FINANCE", "IN_PROGRESS", "2025-01-01T00:00:00Z"));
            driver.send(measure("u4", "M-004", "beijing", "TELECOM", "IMPLEMENTED", "2025-01-01T00:00:00Z"));
            driver.send(measure("u5", "M-001", " Shanghai", "FINANCE", "IMPLEMENTED", "2025-01-01T00:00:00Z"));

            Map<String, PilotProgress> progress = driver.progress();
            assertEquals("1/1/1/3/0.3333", figures(progress.get("beijing|FINANCE")));
            assertEquals("0/0/1/1/1.0000", figures(progress.get("beijing|TELECOM")));
            assertEquals("1/1/2/4/0.5000", figures(progress.get("beijing|ALL")));
            assertEquals("0/0/1/1/1.0000", figures(progress.get("shanghai|FINANCE")));
            assertEquals("1/1/2/4/0.5000", figures(progress.get("ALL|FINANCE")));
            assertEquals("1/1/3/5/0.6000", figures(progress.get("ALL|ALL")));
            assertEquals("beijing", progress.get("beijing|ALL").getScope());
            assertEquals("ALL", progress.get("beijing|ALL").getFocusArea());
        }
    }

    @Test
    @DisplayName("an older update arriving after a newer one changes nothing")
    void olderUpdateArrivingLate() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(measure("u2", "M-010", "wuhan", "TRADE", "IMPLEMENTED", "2025-06-01T00:00:00Z"));
            driver.send(measure("u1", "M-010", "wuhan", "TRADE", "PLANNED", "2025-05-01T00:00:00Z"));

            assertEquals("0/0/1/1/1.0000", figures(driver.progress().get("wuhan|TRADE")));
            assertEquals(1, driver.counters.staleMeasureUpdates());
        }
    }

    @Test
    @DisplayName("an occurredAt tie is broken by the greater updateId, whatever the arrival order")
    void tieBrokenByUpdateId() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(measure("u-b", "M-020", "xian", "TOURISM", "IN_PROGRESS", "2025-06-01T00:00:00Z"));
            driver.send(measure("u-a", "M-020", "xian", "TOURISM", "IMPLEMENTED", "2025-06-01T00:00:00Z"));
            assertEquals("0/1/0/1/0.0000", figures(driver.progress().get("xian|TOURISM")));

            driver.send(measure("u-c", "M-020", "xian", "TOURISM", "PLANNED", "2025-06-01T00:00:00Z"));
            assertEquals("1/0/0/1/0.0000", figures(driver.progress().get("xian|TOURISM")));
        }
    }

    @Test
    @DisplayName("a measure counts under the focus area of its counting update; the area it left keeps a zero record")
    void measureMovesFocusArea() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(measure("u1", "M-030", "hainan", "HEALTHCARE", "PLANNED", "2025-01-01T00:00:00Z"));
            driver.send(measure("u2", "M-030", "hainan", "DATA_FLOWS", "IMPLEMENTED", "2025-02-01T00:00:00Z"));

            Map<String, PilotProgress> progress = driver.progress();
            assertEquals("0/0/0/0/null", figures(progress.get("hainan|HEALTHCARE")));
            assertEquals("0/0/1/1/1.0000", figures(progress.get("hainan|DATA_FLOWS")));
            assertEquals("0/0/1/1/1.0000", figures(progress.get("hainan|ALL")));
            assertEquals("0/0/1/1/1.0000", figures(progress.get("ALL|ALL")));
        }
    }
}
