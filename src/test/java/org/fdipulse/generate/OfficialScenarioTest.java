package org.fdipulse.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * R11: MOFCOM's published 2025 growth of FDI from Switzerland (+66.8%), the United Arab Emirates (+27.3%) and the
     * United Kingdom (+15.9%), summed here from the written file: each economy's investments of the quarters of 2025
     * up to Q4 against those of 2024 up to Q4, in CNY, for several seeds (the pinned amounts do not depend on the
     * random draws).
     */
    @Test
    @DisplayName("R11: the 2025-Q4 year to date from CH, AE and GB is 1.668, 1.273 and 1.159 times 2024's, for any seed")
    void publishedGrowthBySource(@TempDir Path dir) throws Exception {
        for (long seed : new long[] {1, 3, 7, 42}) {
            Path files = dir.resolve("seed-" + seed);
            OfficialScenario.generate(seed).writeTo(files);
            Map<String, BigDecimal> ytd2024 = new HashMap<>();
            Map<String, BigDecimal> ytd2025 = new HashMap<>();
            for (InvestmentEvent e : JsonLines.read(files.resolve(Scenario.INVESTMENTS_FILE), InvestmentEvent::new)) {
                var local = e.getOccurredAt().atZone(ZoneId.of("Asia/Shanghai"));
                String economy = e.getSourceEconomy() == null ? "UNSPECIFIED" : e.getSourceEconomy();
                // the year to date of Q4 is Q1 to Q4: every investment of its year
                (local.getYear() == 2024 ? ytd2024 : ytd2025).merge(economy, e.getAmount(), BigDecimal::add);
            }
            Map<String, String> yoy = new TreeMap<>();
            for (String economy : List.of("CH", "AE", "GB")) {
                BigDecimal now = ytd2025.get(economy);
                BigDecimal earlier = ytd2024.get(economy);
                yoy.put(economy, now.divide(earlier, 4, RoundingMode.HALF_EVEN).subtract(BigDecimal.ONE)
                        .toPlainString());
                // exact, not only once rounded
                assertEquals(0, now.subtract(earlier).divide(earlier).compareTo(new BigDecimal(yoy.get(economy))),
                        "seed " + seed + " " + economy + ": " + now + " / " + earlier);
            }
            assertEquals(Map.of("CH", "0.6680", "AE", "0.2730", "GB", "0.1590"), yoy, "seed " + seed);
            assertEquals(Map.of("CH", "8340000000.00", "AE", "3819000000.00", "GB", "9272000000.00"),
                    Map.of("CH", ytd2025.get("CH").toPlainString(), "AE", ytd2025.get("AE").toPlainString(),
                            "GB", ytd2025.get("GB").toPlainString()), "seed " + seed + ": the illustrative 2025 levels");
            // an illustrative spread: Hong Kong far ahead, every code one the job knows, some naming none
            BigDecimal total = ytd2025.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            assertTrue(ytd2025.get("HK").compareTo(total.divide(BigDecimal.valueOf(2))) > 0,
                    "seed " + seed + ": HK " + ytd2025);
            assertTrue(ytd2025.containsKey("UNSPECIFIED") && ytd2024.containsKey("UNSPECIFIED"), "seed " + seed);
            Set<String> known = Set.of("HK", "MO", "SG", "MY", "TH", "VN", "ID", "DE", "FR", "NL", "JP", "KR", "US",
                    "VG", "CH", "AE", "GB", "UNSPECIFIED");
            assertTrue(known.containsAll(ytd2024.keySet()) && known.containsAll(ytd2025.keySet()), "seed " + seed);
        }
    }

    /**
     * Giving the investments sources moved nothing else: put each carved investment ({@code <parent>-<economy>}, same
     * city, sector, time, investor type and green flag) back into its parent, and the investments are those the
     * scenario wrote before R11's sources (commit 1b21614), field for field; the measures file is the same bytes. The
     * digests are of those earlier files, for the seed {@code generate} uses by default and for 7.
     */
    @Test
    @DisplayName("R11's sources move no amount, city, sector, time, investor type, green flag or measure of before")
    void sourcesMoveNothingElse(@TempDir Path dir) throws Exception {
        Map<Long, String[]> before = Map.of(
                1L, new String[] {"ee2ff010b4ba854ac2969525c7fadf6e9afbc3560c73440f4f795886931fe695",
                        "d75590867bafa53c173c0a9502bb5628125717a45dc66fbd9b54c9641552009a"},
                7L, new String[] {"7c863da5874bb9c72f7eaaaeab47fb6ea62fea42423b9e8525eea36e41fe1df8",
                        "6cbbd33fe7dfa7653f1e49c22ea5d7fd3553facacf61e51a53fbd52ca4cd8841"});
        for (var seed : before.entrySet()) {
            Path files = dir.resolve("seed-" + seed.getKey());
            OfficialScenario.generate(seed.getKey()).writeTo(files);
            Map<String, InvestmentEvent> parents = new TreeMap<>();
            List<InvestmentEvent> carved = new ArrayList<>();
            for (InvestmentEvent e : JsonLines.read(files.resolve(Scenario.INVESTMENTS_FILE), InvestmentEvent::new)) {
                if (e.getEventId().matches("off-.*-\\d{3}")) {
                    parents.put(e.getEventId(), e);
                } else {
                    carved.add(e);
                }
            }
            for (InvestmentEvent c : carved) {
                String parentId = c.getEventId().substring(0, c.getEventId().lastIndexOf('-'));
                InvestmentEvent p = parents.get(parentId);
                assertEquals(c.getEventId(), parentId + "-" + c.getSourceEconomy().toLowerCase());
                assertEquals(List.of(p.getCity(), p.getSector(), p.getOccurredAt(), String.valueOf(p.getInvestorType()),
                        p.getGreen()), List.of(c.getCity(), c.getSector(), c.getOccurredAt(),
                        String.valueOf(c.getInvestorType()), c.getGreen()), c.getEventId());
                assertTrue(Set.of("CH", "AE", "GB").contains(c.getSourceEconomy()), c.getEventId());
                p.setAmount(p.getAmount().add(c.getAmount()));
            }
            assertEquals(1280, parents.size());
            assertTrue(parents.values().stream().noneMatch(e -> e.getSourceEconomy() != null
                            && Set.of("CH", "AE", "GB").contains(e.getSourceEconomy())),
                    "CH, AE and GB come only from the pinned amounts");
            List<String> lines = new ArrayList<>();
            for (InvestmentEvent e : parents.values()) {
                lines.add(String.join("|", e.getEventId(), e.getCity(), e.getSector(), e.getAmount().toPlainString(),
                        e.getCurrency(), e.getOccurredAt().toString(), String.valueOf(e.getInvestorType()),
                        String.valueOf(e.getGreen())));
            }
            lines.sort(null);
            assertEquals(seed.getValue()[0], sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)),
                    "seed " + seed.getKey() + ": the investments, carved amounts put back");
            assertEquals(seed.getValue()[1], sha256(Files.readAllBytes(files.resolve(Scenario.MEASURES_FILE))),
                    "seed " + seed.getKey() + ": the measures");
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
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
