package org.fdipulse.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.avro.PilotProgress;
import org.fdipulse.avro.SectorSummary;
import org.fdipulse.avro.ServicesShare;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R1-R5 over random histories full of what the golden fixture lacks: revisions out of order, duplicates,
 * withdrawals and reinstatements, revisions that move an investment anywhere, rejected revisions, measure updates
 * arriving late and occurredAt ties. The expected figures come from a small model written here from the contract,
 * sharing no code with the job; every published record is compared with it.
 */
@DisplayName("R1-R5 against an independent model, over random histories")
class RandomHistoriesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final List<String> CITIES = List.of("beijing", "shanghai", "wuhan", "other", "atlantis");
    private static final List<String> SECTORS = List.of("A", "C", "F", "K", "T");
    private static final List<String> CURRENCIES = List.of("USD", "CNY", "EUR");
    private static final Instant CNY_FIRST = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant CNY_SECOND = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant EUR_FIRST = Instant.parse("2024-06-01T00:00:00Z");

    /** The model's view of one accepted investment. */
    private record Counted(int revision, String city, String sector, String quarter, BigDecimal usd, boolean withdrawn) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    @DisplayName("investments: sector cells and services shares equal the model's")
    void investments(long seed) {
        Random random = new Random(seed);
        Map<String, Counted> inForce = new HashMap<>();
        Map<String, int[]> everCountedCells = new TreeMap<>();
        Map<String, Boolean> everCountedScopes = new TreeMap<>();
        try (PulseDriver driver = new PulseDriver()) {
            driver.rate("CNY", "7.000000", CNY_FIRST.toString());
            driver.rate("CNY", "7.500000", CNY_SECOND.toString());
            driver.rate("EUR", "0.900000", EUR_FIRST.toString());
            for (int i = 0; i < 400; i++) {
                InvestmentEvent e = randomInvestment(random);
                driver.send(e);
                Counted counted = modelAccept(e);
                Counted current = inForce.get(e.getEventId());
                if (counted != null && (current == null || counted.revision() > current.revision())) {
                    inForce.put(e.getEventId(), counted);
                    if (!counted.withdrawn()) {
                        everCountedCells.put(counted.city() + "|" + counted.sector() + "|" + counted.quarter(), null);
                        everCountedScopes.put(counted.city() + "|" + counted.quarter(), true);
                        everCountedScopes.put("ALL|" + counted.quarter(), true);
                    }
                }
            }

            Map<String, String> expectedCells = new TreeMap<>();
            everCountedCells.keySet().forEach(cell -> expectedCells.put(cell, "0.00 x0"));
            Map<String, BigDecimal[]> byScopeQuarter = new HashMap<>();
            Map<String, BigDecimal> cellSums = new HashMap<>();
            Map<String, Integer> cellCounts = new HashMap<>();
            for (Counted c : inForce.values()) {
                if (c.withdrawn()) {
                    continue;
                }
                String cell = c.city() + "|" + c.sector() + "|" + c.quarter();
                cellSums.merge(cell, c.usd(), BigDecimal::add);
                cellCounts.merge(cell, 1, Integer::sum);
                boolean services = c.sector().compareTo("F") >= 0;
                for (String scope : List.of(c.city(), "ALL")) {
                    BigDecimal[] st = byScopeQuarter.computeIfAbsent(scope + "|" + c.quarter(),
                            k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    st[1] = st[1].add(c.usd());
                    if (services) {
                        st[0] = st[0].add(c.usd());
                    }
                }
            }
            cellSums.forEach((cell, sum) -> expectedCells.put(cell, sum.setScale(2) + " x" + cellCounts.get(cell)));

            Map<String, String> actualCells = new TreeMap<>();
            for (Map.Entry<String, SectorSummary> e : driver.sectorSummaries().entrySet()) {
                actualCells.put(e.getKey(), e.getValue().getAmount().toPlainString() + " x" + e.getValue().getInvestments());
            }
            assertEquals(expectedCells, actualCells, "sector cells, seed " + seed);

            Map<String, String> expectedShares = new TreeMap<>();
            for (String scopeQuarter : everCountedScopes.keySet()) {
                String scope = scopeQuarter.substring(0, scopeQuarter.indexOf('|'));
                String quarter = scopeQuarter.substring(scope.length() + 1);
                int year = Integer.parseInt(quarter.substring(0, 4));
                int q = quarter.charAt(6) - '0';
                BigDecimal[] own = sum(byScopeQuarter, scope, year, q, year, q);
                int startIndex = year * 4 + q - 1 - 3;
                BigDecimal[] ttm = sum(byScopeQuarter, scope, startIndex / 4, startIndex % 4 + 1, year, q);
                BigDecimal[] ytd = sum(byScopeQuarter, scope, year, 1, year, q);
                expectedShares.put(scopeQuarter, figures(own) + " ttm " + figures(ttm) + " ytd " + figures(ytd));
            }
            Map<String, String> actualShares = new TreeMap<>();
            for (Map.Entry<String, ServicesShare> e : driver.shares().entrySet()) {
                ServicesShare s = e.getValue();
                actualShares.put(e.getKey(), figures(s.getServices(), s.getTotal(), s.getServicesShare())
                        + " ttm " + figures(s.getTtm().getServices(), s.getTtm().getTotal(), s.getTtm().getServicesShare())
                        + " ytd " + figures(s.getYtd().getServices(), s.getYtd().getTotal(), s.getYtd().getServicesShare()));
            }
            assertEquals(expectedShares, actualShares, "services shares, seed " + seed);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    @DisplayName("measures: pilot progress equals the model's")
    void measures(long seed) {
        Random random = new Random(seed);
        List<String> pilotCities = List.of("beijing", "hainan", "xian");
        List<String> areas = List.of("FINANCE", "TELECOM", "GREEN");
        List<String> statuses = List.of("PLANNED", "IN_PROGRESS", "IMPLEMENTED");
        Map<String, MeasureUpdate> inForce = new HashMap<>();
        Map<String, Boolean> everCounted = new TreeMap<>();
        try (PulseDriver driver = new PulseDriver()) {
            for (int i = 0; i < 300; i++) {
                MeasureUpdate u = Inputs.measure(String.format("u%02d", random.nextInt(100)),
                        "M-" + random.nextInt(6), pilotCities.get(random.nextInt(3)), areas.get(random.nextInt(3)),
                        statuses.get(random.nextInt(3)), "2025-0" + (1 + random.nextInt(4)) + "-01T00:00:00Z");
                driver.send(u);
                String key = u.getCity() + "|" + u.getMeasureId();
                MeasureUpdate current = inForce.get(key);
                int byTime = current == null ? 1 : u.getOccurredAt().compareTo(current.getOccurredAt());
                if (byTime > 0 || (byTime == 0 && u.getUpdateId().compareTo(current.getUpdateId()) > 0)) {
                    inForce.put(key, u);
                    for (String scope : List.of(u.getCity(), "ALL")) {
                        everCounted.put(scope + "|" + u.getFocusArea(), true);
                        everCounted.put(scope + "|ALL", true);
                    }
                }
            }
            Map<String, int[]> counts = new HashMap<>();
            for (MeasureUpdate u : inForce.values()) {
                int status = statuses.indexOf(u.getStatus());
                for (String scope : List.of(u.getCity(), "ALL")) {
                    for (String area : List.of(u.getFocusArea(), "ALL")) {
                        counts.computeIfAbsent(scope + "|" + area, k -> new int[3])[status]++;
                    }
                }
            }
            Map<String, String> expected = new TreeMap<>();
            for (String key : everCounted.keySet()) {
                int[] c = counts.getOrDefault(key, new int[3]);
                int total = c[0] + c[1] + c[2];
                String rate = total == 0 ? "null"
                        : BigDecimal.valueOf(c[2]).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_EVEN).toPlainString();
                expected.put(key, c[0] + "/" + c[1] + "/" + c[2] + "/" + total + "/" + rate);
            }
            Map<String, String> actual = new TreeMap<>();
            for (Map.Entry<String, PilotProgress> e : driver.progress().entrySet()) {
                PilotProgress p = e.getValue();
                actual.put(e.getKey(), p.getPlanned() + "/" + p.getInProgress() + "/" + p.getImplemented() + "/"
                        + p.getTotal() + "/" + (p.getImplementationRate() == null ? "null" : p.getImplementationRate().toPlainString()));
            }
            assertEquals(expected, actual, "pilot progress, seed " + seed);
        }
    }

    private static InvestmentEvent randomInvestment(Random random) {
        long start = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
        long end = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        Instant at = Instant.ofEpochSecond(start + (long) (random.nextDouble() * (end - start)));
        String amount = BigDecimal.valueOf(1 + random.nextInt(100_000), 2).toPlainString();
        InvestmentEvent e = Inputs.investment("e" + random.nextInt(40), random.nextInt(6),
                CITIES.get(random.nextInt(CITIES.size())), SECTORS.get(random.nextInt(SECTORS.size())), amount,
                CURRENCIES.get(random.nextInt(CURRENCIES.size())), at.toString());
        e.setWithdrawn(random.nextInt(7) == 0);
        return e;
    }

    /** The contract read directly: null when the record is rejected. */
    private static Counted modelAccept(InvestmentEvent e) {
        if (e.getCity().equals("atlantis")) {
            return null;
        }
        ZonedDateTime local = e.getOccurredAt().atZone(SHANGHAI);
        String quarter = local.getYear() + "-Q" + ((local.getMonthValue() + 2) / 3);
        BigDecimal usd = BigDecimal.ZERO;
        if (!e.getWithdrawn()) {
            BigDecimal rate = switch (e.getCurrency()) {
                case "USD" -> BigDecimal.ONE;
                case "CNY" -> e.getOccurredAt().isBefore(CNY_SECOND) ? new BigDecimal("7") : new BigDecimal("7.5");
                default -> e.getOccurredAt().isBefore(EUR_FIRST) ? null : new BigDecimal("0.9");
            };
            if (rate == null) {
                return null;
            }
            usd = e.getAmount().divide(rate, 2, RoundingMode.HALF_EVEN);
        }
        return new Counted(e.getRevision(), e.getCity(), e.getSector(), quarter, usd, e.getWithdrawn());
    }

    private static BigDecimal[] sum(Map<String, BigDecimal[]> byScopeQuarter, String scope, int fromYear, int fromQ,
                                    int toYear, int toQ) {
        BigDecimal[] total = {BigDecimal.ZERO, BigDecimal.ZERO};
        for (int i = fromYear * 4 + fromQ - 1; i <= toYear * 4 + toQ - 1; i++) {
            BigDecimal[] st = byScopeQuarter.get(scope + "|" + (i / 4) + "-Q" + (i % 4 + 1));
            if (st != null) {
                total[0] = total[0].add(st[0]);
                total[1] = total[1].add(st[1]);
            }
        }
        return total;
    }

    private static String figures(BigDecimal[] servicesAndTotal) {
        BigDecimal share = servicesAndTotal[1].signum() == 0 ? null
                : servicesAndTotal[0].divide(servicesAndTotal[1], 4, RoundingMode.HALF_EVEN);
        return figures(servicesAndTotal[0].setScale(2), servicesAndTotal[1].setScale(2), share);
    }

    private static String figures(BigDecimal services, BigDecimal total, BigDecimal share) {
        return services.toPlainString() + "/" + total.toPlainString() + "/" + (share == null ? "null" : share.toPlainString());
    }
}
