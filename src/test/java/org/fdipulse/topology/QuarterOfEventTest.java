package org.fdipulse.topology;

import static org.fdipulse.topology.Inputs.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Set;
import org.fdipulse.rules.Quarter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("R1 quarter of an event, in Asia/Shanghai")
class QuarterOfEventTest {

    @Test
    @DisplayName("16:30Z on 31 March is already 1 April in Shanghai: Q2; 15:59:59Z is still Q1")
    void quarterBoundaryBothWays() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(usd("late-march-utc", "beijing", "J", "100.00", "2025-03-31T16:30:00Z"));
            driver.send(usd("last-second-of-q1", "beijing", "J", "10.00", "2025-03-31T15:59:59Z"));
            driver.send(usd("first-instant-of-q2", "beijing", "J", "1.00", "2025-03-31T16:00:00Z"));

            var cells = driver.sectorSummaries();
            assertEquals(Set.of("beijing|J|2025-Q1", "beijing|J|2025-Q2"), cells.keySet());
            assertEquals("10.00", cells.get("beijing|J|2025-Q1").getAmount().toPlainString());
            assertEquals(1, cells.get("beijing|J|2025-Q1").getInvestments());
            assertEquals("101.00", cells.get("beijing|J|2025-Q2").getAmount().toPlainString());
            assertEquals(2, cells.get("beijing|J|2025-Q2").getInvestments());
        }
    }

    @Test
    @DisplayName("New Year in Shanghai comes at 16:00Z on 31 December")
    void yearBoundary() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(usd("old-year", "shanghai", "C", "5.00", "2024-12-31T15:59:59.999Z"));
            driver.send(usd("new-year", "shanghai", "C", "7.00", "2024-12-31T16:00:00Z"));

            var cells = driver.sectorSummaries();
            assertEquals("5.00", cells.get("shanghai|C|2024-Q4").getAmount().toPlainString());
            assertEquals("7.00", cells.get("shanghai|C|2025-Q1").getAmount().toPlainString());
            assertEquals(Set.of("ALL|2024-Q4", "ALL|2025-Q1", "shanghai|2024-Q4", "shanghai|2025-Q1"),
                    driver.shares().keySet());
        }
    }

    @Test
    @DisplayName("an instant far outside everyday years still has a quarter and does not stop the job")
    void farFutureInstant() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(usd("far", "beijing", "J", "1.00", "+12000-01-01T00:00:00Z"));
            driver.send(usd("near", "beijing", "J", "2.00", "2025-01-01T00:00:00Z"));

            assertEquals(Set.of("beijing|J|12000-Q1", "beijing|J|2025-Q1"), driver.sectorSummaries().keySet());
        }
    }

    @Test
    @DisplayName("quarters are written YYYY-Qn, parse back, and step across years")
    void quarterArithmetic() {
        assertEquals("2025-Q2", Quarter.containing(Instant.parse("2025-03-31T16:30:00Z")).toString());
        assertEquals(new Quarter(2024, 4), Quarter.parse("2025-Q1").plus(-1));
        assertEquals(new Quarter(2026, 1), Quarter.parse("2025-Q2").plus(3));
        assertThrows(IllegalArgumentException.class, () -> Quarter.parse("2025-Q5"));
        assertThrows(IllegalArgumentException.class, () -> Quarter.parse("2025Q1"));
    }
}
