package org.fdipulse.topology;

import static org.fdipulse.topology.Inputs.investment;
import static org.fdipulse.topology.Inputs.usd;
import static org.fdipulse.topology.Inputs.withdrawal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.SectorSummary;
import org.fdipulse.avro.ServicesShare;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("R3 revisions, duplicates and withdrawals")
class RevisionsAndDuplicatesTest {

    private static String amount(SectorSummary cell) {
        return cell.getAmount().toPlainString();
    }

    @Test
    @DisplayName("a duplicate changes nothing, republishes nothing, is counted, and is not dead-lettered")
    void duplicate() {
        try (PulseDriver driver = new PulseDriver()) {
            InvestmentEvent event = usd("e1", "tianjin", "F", "250.00", "2025-05-05T00:00:00Z");
            driver.send(event);
            driver.shareKeysPublishedSinceLastCall();
            driver.send(event);
            assertEquals(List.of(), driver.shareKeysPublishedSinceLastCall());

            SectorSummary cell = driver.sectorSummaries().get("tianjin|F|2025-Q2");
            assertEquals("250.00", amount(cell));
            assertEquals(1, cell.getInvestments());
            assertEquals("250.00", driver.shares().get("ALL|2025-Q2").getTotal().toPlainString());
            assertEquals(1, driver.counters.duplicateInvestments());
            assertTrue(driver.deadLetters().isEmpty());
        }
    }

    @Test
    @DisplayName("a stale revision (lower than the one in force) changes nothing")
    void staleRevision() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(investment("e1", 2, "tianjin", "F", "300.00", "USD", "2025-05-05T00:00:00Z"));
            driver.send(investment("e1", 1, "tianjin", "F", "999.00", "USD", "2025-05-05T00:00:00Z"));

            assertEquals("300.00", amount(driver.sectorSummaries().get("tianjin|F|2025-Q2")));
            assertEquals(1, driver.counters.duplicateInvestments());
        }
    }

    @Test
    @DisplayName("a revision that moves city, sector, quarter and currency at once leaves nothing behind")
    void revisionMovesEverything() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.rate("CNY", "8.000000", "2024-01-01T00:00:00Z");
            driver.send(investment("e1", 0, "tianjin", "F", "100.00", "USD", "2025-05-05T00:00:00Z"));
            driver.send(investment("e1", 1, "chengdu", "c", "800.00", "CNY", "2024-11-20T00:00:00Z"));

            var cells = driver.sectorSummaries();
            assertEquals("0.00", amount(cells.get("tianjin|F|2025-Q2")));
            assertEquals(0, cells.get("tianjin|F|2025-Q2").getInvestments());
            assertEquals("100.00", amount(cells.get("chengdu|C|2024-Q4")));
            assertEquals(1, cells.get("chengdu|C|2024-Q4").getInvestments());

            var shares = driver.shares();
            ServicesShare oldCity = shares.get("tianjin|2025-Q2");
            assertEquals("0.00", oldCity.getTotal().toPlainString());
            assertNull(oldCity.getServicesShare());
            ServicesShare newCity = shares.get("chengdu|2024-Q4");
            assertEquals("100.00", newCity.getTotal().toPlainString());
            assertEquals("0.00", newCity.getServices().toPlainString(), "C is manufacturing, not services");
            assertEquals("0.0000", newCity.getServicesShare().toPlainString());
            assertEquals("0.00", shares.get("ALL|2025-Q2").getTotal().toPlainString());
            assertEquals("100.00", shares.get("ALL|2024-Q4").getTotal().toPlainString());
            // 2025-Q2's TTM reaches back to 2024-Q3, so it now holds the moved investment
            assertEquals("100.00", shares.get("ALL|2025-Q2").getTtm().getTotal().toPlainString());
        }
    }

    @Test
    @DisplayName("a withdrawal removes the event from every total; the records stay with zeros")
    void withdrawalRemovesFromEveryTotal() {
        try (PulseDriver driver = new PulseDriver()) {
            InvestmentEvent kept = usd("kept", "nanjing", "I", "40.00", "2025-08-01T00:00:00Z");
            InvestmentEvent gone = usd("gone", "nanjing", "C", "60.00", "2025-08-02T00:00:00Z");
            driver.send(kept);
            driver.send(gone);
            driver.send(withdrawal(gone, 1));

            var cells = driver.sectorSummaries();
            assertEquals("40.00", amount(cells.get("nanjing|I|2025-Q3")));
            assertEquals(1, cells.get("nanjing|I|2025-Q3").getInvestments());
            assertEquals("0.00", amount(cells.get("nanjing|C|2025-Q3")));
            assertEquals(0, cells.get("nanjing|C|2025-Q3").getInvestments());
            for (String scope : List.of("nanjing", "ALL")) {
                ServicesShare share = driver.shares().get(scope + "|2025-Q3");
                assertEquals("40.00/40.00/1.0000", share.getServices() + "/" + share.getTotal() + "/" + share.getServicesShare(), scope);
                assertEquals("40.00/40.00", share.getTtm().getServices() + "/" + share.getTtm().getTotal(), scope + " ttm");
                assertEquals("40.00/40.00", share.getYtd().getServices() + "/" + share.getYtd().getTotal(), scope + " ytd");
            }
        }
    }

    @Test
    @DisplayName("a withdrawal then a reinstatement counts the reinstated revision")
    void withdrawalThenReinstatement() {
        try (PulseDriver driver = new PulseDriver()) {
            InvestmentEvent original = usd("e1", "hangzhou", "L", "70.00", "2025-08-01T00:00:00Z");
            driver.send(original);
            driver.send(withdrawal(original, 1));
            assertEquals("0.00", amount(driver.sectorSummaries().get("hangzhou|L|2025-Q3")));

            driver.send(investment("e1", 2, "hangzhou", "L", "75.50", "USD", "2025-08-01T00:00:00Z"));
            SectorSummary cell = driver.sectorSummaries().get("hangzhou|L|2025-Q3");
            assertEquals("75.50", amount(cell));
            assertEquals(1, cell.getInvestments());
            assertEquals("75.50", driver.shares().get("ALL|2025-Q3").getServices().toPlainString());
        }
    }

    @Test
    @DisplayName("a rejected revision leaves the earlier one in force, and a later valid one still applies")
    void rejectedRevision() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(usd("e1", "suzhou", "M", "10.00", "2025-01-05T00:00:00Z"));
            driver.send(investment("e1", 1, "atlantis", "M", "20.00", "USD", "2025-01-05T00:00:00Z"));
            assertEquals("10.00", amount(driver.sectorSummaries().get("suzhou|M|2025-Q1")));
            assertEquals("UNKNOWN_CITY", driver.deadLetters().get(0).reason());

            driver.send(investment("e1", 1, "suzhou", "M", "30.00", "USD", "2025-01-05T00:00:00Z"));
            assertEquals("30.00", amount(driver.sectorSummaries().get("suzhou|M|2025-Q1")));
            assertEquals(0, driver.counters.duplicateInvestments());
        }
    }
}
