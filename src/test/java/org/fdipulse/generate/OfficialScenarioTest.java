package org.fdipulse.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.keys.CityMeasure;
import org.fdipulse.testing.JsonLines;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("generate official-2024-2025: files whose sums are MOFCOM's published figures")
class OfficialScenarioTest {

    @Test
    @DisplayName("national year-to-date sums of the written files equal contract section 1 to the yuan")
    void sumsEqualTheTable(@TempDir Path dir) throws Exception {
        OfficialScenario.generate(7).writeTo(dir);
        Map<String, BigDecimal[]> ytd = new TreeMap<>();
        BigDecimal[] running = {BigDecimal.ZERO, BigDecimal.ZERO};
        int year = 0;
        Map<String, BigDecimal[]> byQuarter = new TreeMap<>();
        for (InvestmentEvent e : JsonLines.read(dir.resolve(Scenario.INVESTMENTS_FILE), InvestmentEvent::new)) {
            var local = e.getOccurredAt().atZone(ZoneId.of("Asia/Shanghai"));
            String quarter = local.getYear() + "-Q" + ((local.getMonthValue() + 2) / 3);
            BigDecimal[] q = byQuarter.computeIfAbsent(quarter, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            q[0] = q[0].add(e.getAmount());
            if (e.getSector().compareTo("F") >= 0) {
                q[1] = q[1].add(e.getAmount());
            }
            assertEquals("CNY", e.getCurrency());
            assertTrue(e.getAmount().signum() > 0);
        }
        for (var q : byQuarter.entrySet()) {
            int y = Integer.parseInt(q.getKey().substring(0, 4));
            if (y != year) {
                running = new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO};
                year = y;
            }
            running = new BigDecimal[] {running[0].add(q.getValue()[0]), running[1].add(q.getValue()[1])};
            ytd.put(q.getKey(), running);
        }
        assertEquals("301670000000.00", ytd.get("2024-Q1")[0].toPlainString());
        assertEquals("498910000000.00", ytd.get("2024-Q2")[0].toPlainString());
        assertEquals("640600000000.00 446130000000.00", ytd.get("2024-Q3")[0] + " " + ytd.get("2024-Q3")[1]);
        assertEquals("826250000000.00 584560000000.00", ytd.get("2024-Q4")[0] + " " + ytd.get("2024-Q4")[1]);
        assertEquals("269230000000.00 193330000000.00", ytd.get("2025-Q1")[0] + " " + ytd.get("2025-Q1")[1]);
        assertEquals("423230000000.00 305870000000.00", ytd.get("2025-Q2")[0] + " " + ytd.get("2025-Q2")[1]);
        assertEquals("573750000000.00 410930000000.00", ytd.get("2025-Q3")[0] + " " + ytd.get("2025-Q3")[1]);
        assertEquals("747690000000.00 545120000000.00", ytd.get("2025-Q4")[0] + " " + ytd.get("2025-Q4")[1]);
        assertEquals(8, ytd.size());
    }

    @Test
    @DisplayName("CNY is 7.2883 per USD throughout 2025-Q1; 155 measures in each of the nine 2025 cities")
    void ratesAndMeasures(@TempDir Path dir) throws Exception {
        OfficialScenario.generate(1).writeTo(dir);
        var rates = JsonLines.read(dir.resolve(Scenario.RATES_FILE), FxRate::new);
        FxRate q1 = rates.stream().filter(r -> r.getValidFrom().toString().equals("2024-12-31T16:00:00Z")).findFirst().orElseThrow();
        assertEquals(new BigDecimal("7.288300"), q1.getUnitsPerUsd());
        assertTrue(rates.stream().noneMatch(r -> r.getValidFrom().isAfter(q1.getValidFrom())
                && r.getValidFrom().isBefore(Instant.parse("2025-03-31T16:00:00Z"))));
        var measures = JsonLines.read(dir.resolve(Scenario.MEASURES_FILE), MeasureUpdate::new);
        Map<String, Long> perCity = new TreeMap<>();
        measures.stream().map(m -> new CityMeasure(m.getCity(), m.getMeasureId())).distinct()
                .forEach(k -> perCity.merge(k.city(), 1L, Long::sum));
        assertEquals(9, perCity.size());
        perCity.values().forEach(n -> assertEquals(155L, n));
        assertTrue(measures.stream().allMatch(m -> m.getOccurredAt().atZone(ZoneId.of("Asia/Shanghai")).getYear() == 2025));
    }

    @Test
    @DisplayName("the same seed writes the same files")
    void deterministic(@TempDir Path a, @TempDir Path b) throws Exception {
        OfficialScenario.generate(3).writeTo(a);
        OfficialScenario.generate(3).writeTo(b);
        for (String f : new String[] {Scenario.RATES_FILE, Scenario.INVESTMENTS_FILE, Scenario.MEASURES_FILE}) {
            assertEquals(Files.readString(a.resolve(f)), Files.readString(b.resolve(f)), f);
        }
    }
}
