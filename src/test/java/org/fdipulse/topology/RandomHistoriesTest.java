package org.fdipulse.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.fdipulse.avro.Alert;
import org.fdipulse.avro.AlertState;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.InvestorType;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.Describe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R1-R9 over random histories full of what the golden fixture lacks: revisions out of order, duplicates,
 * withdrawals and reinstatements, revisions that move an investment anywhere, rejected revisions, measure updates
 * arriving late and occurredAt ties. The expected figures come from {@link ContractModel}, which shares no code with
 * the job; every published record is compared with it.
 */
@DisplayName("R1-R9 against an independent model, over random histories")
class RandomHistoriesTest {

    private static final List<String> CITIES = List.of("beijing", "shanghai", "wuhan", "other", "atlantis");
    private static final List<String> SECTORS = List.of("A", "C", "F", "K", "T");
    private static final List<String> CURRENCIES = List.of("USD", "CNY", "EUR");
    private static final List<String> STATUSES = List.of("PLANNED", "IN_PROGRESS", "IMPLEMENTED");
    private static final List<String> SOURCES = java.util.Arrays.asList("HK", "HK", " hk ", "TL", "tl", "SG", "GB", "DE",
            "CH", null, null, "", " ", "XX");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    @DisplayName("investments: sector cells, services shares, year on year, capital mix, alerts and dead letters equal the model's")
    void investments(long seed) {
        Random random = new Random(seed);
        ContractModel model = new ContractModel("USD");
        try (PulseDriver driver = new PulseDriver()) {
            for (FxRate rate : List.of(rate("CNY", "7.000000", "2024-01-01T00:00:00Z"),
                    rate("CNY", "7.500000", "2025-01-01T00:00:00Z"), rate("EUR", "0.900000", "2024-06-01T00:00:00Z"))) {
                driver.send(rate);
                model.rate(rate);
            }
            for (int i = 0; i < 400; i++) {
                InvestmentEvent e = randomInvestment(random);
                driver.send(e);
                model.investment(e);
                if (i % 20 == 19) {
                    driver.alertRecords();   // a publication every 20 inputs: alerts fire and resolve as the history unfolds
                }
            }
            assertEquals(model.sectorCells(), describe(driver.sectorSummaries(), Describe::of), "sector cells, seed " + seed);
            assertEquals(model.shares(), describe(driver.shares(), Describe::of), "services shares, seed " + seed);
            assertEquals(model.deadLetters(), countByReason(driver), "dead letters, seed " + seed);
            assertEquals(model.yearOnYear(), describe(driver.shares(), Describe::yearOnYear), "year on year, seed " + seed);
            assertEquals(model.capitalMix(), describe(driver.capitalMix(), Describe::of), "capital mix, seed " + seed);
            assertEquals(model.sourceMix(), describe(driver.sourceMix(), Describe::of), "source mix, seed " + seed);
            Map<String, Alert> firing = new TreeMap<>(driver.alerts());
            firing.values().removeIf(alert -> alert.getState() != AlertState.FIRING);
            assertEquals(model.firingAlerts(), describe(firing, Describe::of), "firing alerts, seed " + seed);
            assertAlternates(driver.alertRecords());
            for (String rule : List.of("services-share-below", "ytd-yoy-below", "share-swing-above")) {
                assertTrue(driver.alertRecords().stream().anyMatch(r -> r.getRule().equals(rule) && r.getState() == AlertState.RESOLVED),
                        rule + " fired and resolved in this history, seed " + seed);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    @DisplayName("measures: pilot progress equals the model's")
    void measures(long seed) {
        Random random = new Random(seed);
        List<String> cities = List.of("beijing", "hainan", "xian");
        List<String> areas = List.of("FINANCE", "TELECOM", "GREEN");
        ContractModel model = new ContractModel("USD");
        try (PulseDriver driver = new PulseDriver()) {
            for (int i = 0; i < 300; i++) {
                MeasureUpdate u = Inputs.measure(String.format("u%02d", random.nextInt(100)), "M-" + random.nextInt(6),
                        cities.get(random.nextInt(3)), areas.get(random.nextInt(3)), STATUSES.get(random.nextInt(3)),
                        "2025-0" + (1 + random.nextInt(4)) + "-01T00:00:00Z");
                driver.send(u);
                model.measure(u);
            }
            assertEquals(model.progress(), describe(driver.progress(), Describe::of), "pilot progress, seed " + seed);
        }
    }

    private static <V> Map<String, String> describe(Map<String, V> records, Function<V, String> describe) {
        Map<String, String> out = new TreeMap<>();
        records.forEach((key, value) -> out.put(key, describe.apply(value)));
        return out;
    }

    /** Each alert's records alternate FIRING, RESOLVED, FIRING…: a record is a change of state, written once. */
    private static void assertAlternates(List<Alert> records) {
        Map<String, AlertState> last = new TreeMap<>();
        for (Alert a : records) {
            String key = a.getRule() + "|" + a.getScope() + "|" + a.getQuarter();
            AlertState expected = last.getOrDefault(key, AlertState.RESOLVED) == AlertState.FIRING ? AlertState.RESOLVED : AlertState.FIRING;
            assertEquals(expected, a.getState(), "the records of " + key + " alternate, starting with FIRING");
            last.put(key, a.getState());
        }
    }

    private static Map<String, Integer> countByReason(PulseDriver driver) {
        Map<String, Integer> counts = new TreeMap<>();
        driver.deadLetters().forEach(d -> counts.merge(d.reason(), 1, Integer::sum));
        return counts;
    }

    private static FxRate rate(String currency, String unitsPerUsd, String validFrom) {
        return new FxRate(currency, new BigDecimal(unitsPerUsd), Instant.parse(validFrom));
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
        // every investor type and none, green or not: revisions of one eventId change both at random (R8)
        int type = random.nextInt(InvestorType.values().length + 1);
        e.setInvestorType(type == InvestorType.values().length ? null : InvestorType.values()[type]);
        e.setGreen(random.nextBoolean());
        // R11: groups (TL joins ASEAN on 2025-10-26, inside the span), no code, blank, any case, and unknown codes;
        // revisions of one eventId draw again, so some change only the source
        e.setSourceEconomy(SOURCES.get(random.nextInt(SOURCES.size())));
        return e;
    }
}
