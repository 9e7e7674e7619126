package org.fdipulse.topology;

import static org.fdipulse.topology.Inputs.investment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("R2 currency conversion as of the event's time")
class CurrencyConversionTest {

    @Test
    @DisplayName("a rate change inside a quarter: each event converts at the rate in force at its occurredAt")
    void rateChangeInsideQuarter() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.rate("CNY", "7.000000", "2025-01-01T00:00:00Z");
            driver.rate("CNY", "7.500000", "2025-02-15T00:00:00Z");
            // 100 / 7 = 14.2857… → 14.29 ; 100 / 7.5 = 13.3333… → 13.33 ; exactly at validFrom takes the new rate
            driver.send(investment("before-change", 0, "wuhan", "K", "100.00", "CNY", "2025-02-01T00:00:00Z"));
            driver.send(investment("after-change", 0, "wuhan", "K", "100.00", "CNY", "2025-03-01T00:00:00Z"));
            driver.send(investment("at-change", 0, "wuhan", "K", "75.00", "cny ", "2025-02-15T00:00:00Z"));

            var cell = driver.sectorSummaries().get("wuhan|K|2025-Q1");
            assertEquals("37.62", cell.getAmount().toPlainString(), "14.29 + 13.33 + 10.00");
            assertEquals(3, cell.getInvestments());
            assertEquals("USD", cell.getCurrency());
        }
    }

    @Test
    @DisplayName("rounding is half-even to 2 decimals, on each event before summing")
    void halfEvenPerEvent() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.rate("EUR", "2.000000", "2025-01-01T00:00:00Z");
            driver.send(investment("a", 0, "hefei", "M", "0.25", "EUR", "2025-01-02T00:00:00Z")); // 0.125 → 0.12
            driver.send(investment("b", 0, "hefei", "M", "0.35", "EUR", "2025-01-02T00:00:00Z")); // 0.175 → 0.18
            driver.send(investment("c", 0, "hefei", "M", "0.01", "EUR", "2025-01-02T00:00:00Z")); // 0.005 → 0.00

            assertEquals("0.30", driver.sectorSummaries().get("hefei|M|2025-Q1").getAmount().toPlainString());
        }
    }

    @Test
    @DisplayName("an event before the first rate of its currency is rejected NO_FX_RATE; a later rate does not re-convert")
    void eventBeforeFirstRate() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.rate("JPY", "150.000000", "2025-02-01T00:00:00Z");
            driver.send(investment("too-early", 0, "dalian", "C", "1500.00", "JPY", "2025-01-31T23:59:59Z"));
            driver.send(investment("in-time", 0, "dalian", "C", "1500.00", "JPY", "2025-02-01T00:00:00Z"));
            driver.rate("JPY", "100.000000", "2025-01-01T00:00:00Z");
            driver.rate("JPY", "300.000000", "2025-02-01T00:00:00Z"); // replaces the rate in-time used; no re-conversion

            var dead = driver.deadLetters();
            assertEquals(1, dead.size());
            assertEquals("NO_FX_RATE", dead.get(0).reason());
            assertEquals("too-early", dead.get(0).key());
            assertEquals("10.00", driver.sectorSummaries().get("dalian|C|2025-Q1").getAmount().toPlainString());

            driver.send(investment("after-replacement", 0, "dalian", "C", "1500.00", "JPY", "2025-02-02T00:00:00Z"));
            driver.send(investment("after-backfill", 0, "dalian", "C", "1500.00", "JPY", "2025-01-15T00:00:00Z"));
            assertEquals("30.00", driver.sectorSummaries().get("dalian|C|2025-Q1").getAmount().toPlainString(),
                    "10.00 + 1500/300 + 1500/100");
        }
    }

    @Test
    @DisplayName("instants before 1970 work: a rate valid since 1900 converts an event of 1969")
    void instantsBefore1970() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.rate("GBP", "0.500000", "1900-01-01T00:00:00Z");
            driver.send(investment("old", 0, "other", "G", "1.00", "GBP", "1969-07-20T20:17:00Z"));

            assertTrue(driver.deadLetters().isEmpty());
            assertEquals("2.00", driver.sectorSummaries().get("other|G|1969-Q3").getAmount().toPlainString());
        }
    }

    @Test
    @DisplayName("CNY as reporting currency: amount × rate(CNY) ÷ rate(currency); CNY amounts stay exact")
    void cnyReporting() {
        try (PulseDriver driver = new PulseDriver("CNY")) {
            driver.rate("CNY", "7.288300", "2025-01-01T00:00:00Z");
            driver.rate("JPY", "150.000000", "2025-01-01T00:00:00Z");
            driver.send(investment("usd", 0, "xiamen", "G", "100.00", "USD", "2025-01-10T00:00:00Z"));    // 728.83
            driver.send(investment("jpy", 0, "xiamen", "G", "1000.00", "JPY", "2025-01-10T00:00:00Z"));   // 48.5887 → 48.59
            driver.send(investment("cny", 0, "xiamen", "G", "123.45", "CNY", "2025-01-10T00:00:00Z"));    // 123.45

            var cell = driver.sectorSummaries().get("xiamen|G|2025-Q1");
            assertEquals("900.87", cell.getAmount().toPlainString());
            assertEquals("CNY", cell.getCurrency());
            assertEquals("CNY", driver.shares().get("ALL|2025-Q1").getCurrency());
        }
    }

    @Test
    @DisplayName("CNY reporting without a CNY rate yet rejects foreign-currency events but counts CNY ones")
    void cnyReportingWithoutRate() {
        try (PulseDriver driver = new PulseDriver("CNY")) {
            driver.send(investment("usd", 0, "xiamen", "G", "100.00", "USD", "2025-01-10T00:00:00Z"));
            driver.send(investment("cny", 0, "xiamen", "G", "5.00", "CNY", "2025-01-10T00:00:00Z"));

            List<String> reasons = driver.deadLetters().stream().map(PulseDriver.DeadLetter::reason).toList();
            assertEquals(List.of("NO_FX_RATE"), reasons);
            assertEquals("5.00", driver.sectorSummaries().get("xiamen|G|2025-Q1").getAmount().toPlainString());
            assertTrue(driver.deadLetters().get(0).headers().get("__streams.errors.message").contains("CNY"));
        }
    }
}
