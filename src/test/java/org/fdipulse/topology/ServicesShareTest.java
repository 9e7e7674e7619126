package org.fdipulse.topology;

import static org.fdipulse.topology.Inputs.usd;
import static org.fdipulse.topology.Inputs.withdrawal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.avro.ShareFigures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("R4 services share per city and ALL, quarter, TTM and YTD")
class ServicesShareTest {

    private static void assertFigures(String services, String total, String share, ShareFigures f) {
        assertEquals(services, f.getServices().toPlainString(), "services");
        assertEquals(total, f.getTotal().toPlainString(), "total");
        assertEquals(share, f.getServicesShare() == null ? null : f.getServicesShare().toPlainString(), "share");
    }

    private static void assertQuarter(String services, String total, String share, ServicesShare s) {
        assertFigures(services, total, share, new ShareFigures(s.getServices(), s.getTotal(), s.getServicesShare(), s.getTotalYoy(), s.getServicesYoy()));
    }

    @Test
    @DisplayName("services are sectors F-T; the share is rounded half-even to 4 decimals; ALL sums every city")
    void shareOfOneQuarter() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(usd("b-services", "beijing", "F", "2.00", "2025-01-10T00:00:00Z"));
            driver.send(usd("b-industry", "beijing", "E", "1.00", "2025-01-10T00:00:00Z"));
            driver.send(usd("o-services", "other", "t", "0.50", "2025-02-10T00:00:00Z"));
            driver.send(usd("o-industry", "other", "a", "0.50", "2025-02-10T00:00:00Z"));

            var shares = driver.shares();
            assertQuarter("2.00", "3.00", "0.6667", shares.get("beijing|2025-Q1"));     // 0.66666…
            assertQuarter("0.50", "1.00", "0.5000", shares.get("other|2025-Q1"));
            assertQuarter("2.50", "4.00", "0.6250", shares.get("ALL|2025-Q1"));
            assertEquals("ALL", shares.get("ALL|2025-Q1").getScope());
            assertEquals("2025-Q1", shares.get("ALL|2025-Q1").getQuarter());
        }
    }

    @Test
    @DisplayName("TTM covers the four quarters ending with this one; YTD the quarters of its year up to it")
    void trailingAndYearToDate() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(usd("q2-2024", "ningbo", "K", "1000.00", "2024-05-01T00:00:00Z")); // outside 2025-Q2's TTM
            driver.send(usd("q3-2024", "ningbo", "K", "100.00", "2024-08-01T00:00:00Z"));
            driver.send(usd("q4-2024", "ningbo", "C", "100.00", "2024-11-01T00:00:00Z"));
            driver.send(usd("q1-2025", "ningbo", "K", "10.00", "2025-02-01T00:00:00Z"));
            driver.send(usd("q2-2025", "ningbo", "C", "30.00", "2025-05-01T00:00:00Z"));

            ServicesShare q2 = driver.shares().get("ningbo|2025-Q2");
            assertQuarter("0.00", "30.00", "0.0000", q2);
            assertFigures("110.00", "240.00", "0.4583", q2.getTtm());  // 110/240 = 0.458333…
            assertFigures("10.00", "40.00", "0.2500", q2.getYtd());
        }
    }

    @Test
    @DisplayName("a change to an old quarter republishes every later record whose TTM, YTD or year-on-year figures it moves")
    void changeToOldQuarterRepublishesLaterRecords() {
        try (PulseDriver driver = new PulseDriver()) {
            for (String at : List.of("2024-08-01", "2024-11-01", "2025-02-01", "2025-05-01", "2025-08-01")) {
                driver.send(usd("q-" + at, "fuzhou", "K", "10.00", at + "T00:00:00Z"));
            }
            driver.shareKeysPublishedSinceLastCall();

            driver.send(usd("late", "fuzhou", "C", "50.00", "2024-09-01T00:00:00Z"));

            // each once, in any order between scopes; 2025-Q3's TTM starts at 2024-Q4, but its year-on-year figures
            // compare with 2024-Q3 and the TTM ending there (R7), so it is republished too
            assertEquals(List.of("ALL|2024-Q3", "ALL|2024-Q4", "ALL|2025-Q1", "ALL|2025-Q2", "ALL|2025-Q3",
                            "fuzhou|2024-Q3", "fuzhou|2024-Q4", "fuzhou|2025-Q1", "fuzhou|2025-Q2", "fuzhou|2025-Q3"),
                    driver.shareKeysPublishedSinceLastCall().stream().sorted().toList());
            var shares = driver.shares();
            assertFigures("40.00", "90.00", "0.4444", shares.get("fuzhou|2025-Q2").getTtm());
            assertFigures("20.00", "70.00", "0.2857", shares.get("fuzhou|2024-Q4").getYtd()); // 2024-Q3 (10 + 50) and Q4 (10)
            assertFigures("40.00", "40.00", "1.0000", shares.get("fuzhou|2025-Q3").getTtm()); // from 2024-Q4: unchanged
        }
    }

    @Test
    @DisplayName("a quarter whose investments are all withdrawn keeps its record: zeros and a null share")
    void allWithdrawnQuarterStays() {
        try (PulseDriver driver = new PulseDriver()) {
            InvestmentEvent only = usd("only", "qingdao", "H", "12.00", "2025-04-01T00:00:00Z");
            driver.send(usd("earlier", "qingdao", "H", "8.00", "2025-01-01T00:00:00Z"));
            driver.send(only);
            driver.send(withdrawal(only, 1));

            ServicesShare q2 = driver.shares().get("qingdao|2025-Q2");
            assertQuarter("0.00", "0.00", null, q2);
            assertFigures("8.00", "8.00", "1.0000", q2.getTtm());
            assertFigures("8.00", "8.00", "1.0000", q2.getYtd());
            assertNull(driver.shares().get("ALL|2025-Q2").getServicesShare());
            assertEquals(0, driver.sectorSummaries().get("qingdao|H|2025-Q2").getInvestments());
        }
    }
}
