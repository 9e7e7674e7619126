package org.fdipulse.topology;

import static org.fdipulse.topology.Inputs.investment;
import static org.fdipulse.topology.Inputs.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.avro.ShareFigures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("R7 year on year: each share figure against the same figure one year earlier")
class YearOnYearTest {

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static void assertYoy(String totalYoy, String servicesYoy, ShareFigures f) {
        assertEquals(totalYoy, text(f.getTotalYoy()), "totalYoy");
        assertEquals(servicesYoy, text(f.getServicesYoy()), "servicesYoy");
    }

    private static void assertQuarterYoy(String totalYoy, String servicesYoy, ServicesShare s) {
        assertEquals(totalYoy, text(s.getTotalYoy()), "totalYoy");
        assertEquals(servicesYoy, text(s.getServicesYoy()), "servicesYoy");
    }

    @Test
    @DisplayName("quarter, TTM and YTD each against a year earlier, half-even to 4 decimals; null when the earlier figure is 0")
    void figuresAgainstAYearEarlier() {
        try (PulseDriver driver = new PulseDriver()) {
            // MOFCOM's January-March figures in billions, as units: 2024 total 301.67, 2025 total 269.23 (-10.75%)
            driver.send(usd("q1-2024-services", "shanghai", "F", "200.00", "2024-02-01T00:00:00Z"));
            driver.send(usd("q1-2024-industry", "shanghai", "C", "101.67", "2024-02-01T00:00:00Z"));
            driver.send(usd("q3-2024-industry", "shanghai", "C", "100.00", "2024-08-01T00:00:00Z"));
            driver.send(usd("q1-2025-services", "shanghai", "F", "193.33", "2025-02-01T00:00:00Z"));
            driver.send(usd("q1-2025-industry", "shanghai", "C", "75.90", "2025-02-01T00:00:00Z"));
            // a city that had no services a year earlier: servicesYoy is null while totalYoy is not
            driver.send(usd("hefei-2024", "hefei", "C", "50.00", "2024-03-01T00:00:00Z"));
            driver.send(usd("hefei-2025", "hefei", "F", "75.00", "2025-03-01T00:00:00Z"));

            var shares = driver.shares();
            ServicesShare q1 = shares.get("shanghai|2025-Q1");
            assertQuarterYoy("-0.1075", "-0.0334", q1);     // 269.23/301.67 - 1; 193.33/200 - 1 = -0.03335, half-even
            assertYoy("-0.1075", "-0.0334", q1.getYtd());
            assertYoy("0.2240", "-0.0334", q1.getTtm());    // (100 + 269.23)/301.67 - 1: the TTM ending 2024-Q1 is 2024-Q1 alone
            assertQuarterYoy(null, null, shares.get("shanghai|2024-Q1"));   // nothing a year earlier
            assertYoy(null, null, shares.get("shanghai|2024-Q3").getYtd());
            ServicesShare hefei = shares.get("hefei|2025-Q1");
            assertQuarterYoy("0.5000", null, hefei);
            assertYoy("0.5000", null, hefei.getYtd());
            // every city together: 344.23/351.67 - 1, and 268.33/200 - 1 = 0.34165 half-even (hefei's 75.00 in F is services)
            assertQuarterYoy("-0.0212", "0.3416", shares.get("ALL|2025-Q1"));
        }
    }

    @Test
    @DisplayName("a late change in a quarter republishes the records up to seven quarters later whose figures it moves")
    void lateChangeReachesSevenQuartersAhead() {
        try (PulseDriver driver = new PulseDriver()) {
            for (String at : List.of("2024-08-01", "2025-08-01", "2025-11-01", "2026-05-01", "2026-08-01")) {
                driver.send(usd("q-" + at, "xiamen", "K", "10.00", at + "T00:00:00Z"));
            }
            assertQuarterYoy("0.0000", "0.0000", driver.shares().get("xiamen|2025-Q3"));
            driver.shareKeysPublishedSinceLastCall();

            driver.send(usd("late", "xiamen", "C", "10.00", "2024-09-01T00:00:00Z"));

            // 2024-Q3 itself, 2025-Q3 (a year later), 2025-Q4 and 2026-Q2 (their year-earlier TTM covers 2024-Q3);
            // 2026-Q3 is eight quarters on: nothing it publishes reaches back to 2024-Q3
            assertEquals(List.of("xiamen|2024-Q3", "xiamen|2025-Q3", "xiamen|2025-Q4", "xiamen|2026-Q2"),
                    driver.shareKeysPublishedSinceLastCall().stream().filter(k -> k.startsWith("xiamen")).sorted().toList());
            var shares = driver.shares();
            assertQuarterYoy("-0.5000", "0.0000", shares.get("xiamen|2025-Q3"));   // 10 / 20 - 1; services 10 / 10 - 1
            // TTM to 2025-Q4: 20, all services; a year earlier: 20, of which 10 services
            assertYoy("0.0000", "1.0000", shares.get("xiamen|2025-Q4").getTtm());
        }
    }

    @Test
    @DisplayName("a revision that changes no figure of a share record does not republish it")
    void revisionWithoutEffectPublishesNothing() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(usd("e1", "wuhan", "F", "10.00", "2025-02-01T00:00:00Z"));
            driver.shares();
            driver.shareKeysPublishedSinceLastCall();

            driver.send(investment("e1", 1, "wuhan", "G", "10.00", "USD", "2025-02-01T00:00:00Z")); // services to services

            assertEquals(List.of(), driver.shareKeysPublishedSinceLastCall());
            assertEquals("0.00", driver.sectorSummaries().get("wuhan|F|2025-Q1").getAmount().toPlainString());
            assertEquals("10.00", driver.sectorSummaries().get("wuhan|G|2025-Q1").getAmount().toPlainString());
        }
    }
}
