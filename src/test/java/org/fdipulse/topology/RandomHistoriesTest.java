package org.fdipulse.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.Describe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R1-R6 over random histories full of what the golden fixture lacks: revisions out of order, duplicates,
 * withdrawals and reinstatements, revisions that move an investment anywhere, rejected revisions, measure updates
 * arriving late and occurredAt ties. The expected figures come from {@link ContractModel}, which shares no code with
 * the job; every published record is compared with it.
 */
@DisplayName("R1-R6 against an independent model, over random histories")
class RandomHistoriesTest {

    private static final List<String> CITIES = List.of("beijing", "shanghai", "wuhan", "other", "atlantis");
    private static final List<String> SECTORS = List.of("A", "C", "F", "K", "T");
    private static final List<String> CURRENCIES = List.of("USD", "CNY", "EUR");
    private static final List<String> STATUSES = List.of("PLANNED", "IN_PROGRESS", "IMPLEMENTED");

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    @DisplayName("investments: sector cells, services shares and dead letters equal the model's")
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
            }
            assertEquals(model.sectorCells(), describe(driver.sectorSummaries(), Describe::of), "sector cells, seed " + seed);
            assertEquals(model.shares(), describe(driver.shares(), Describe::of), "services shares, seed " + seed);
            assertEquals(model.deadLetters(), countByReason(driver), "dead letters, seed " + seed);
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
        return e;
    }
}
