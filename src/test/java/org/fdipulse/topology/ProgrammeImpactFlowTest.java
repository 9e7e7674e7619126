package org.fdipulse.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.fdipulse.avro.ImpactEstimate;
import org.fdipulse.avro.InvestmentEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.fdipulse.output.JsonViews;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.ImpactComparison;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R10 through the topology: the estimates {@code fdi.programme-impact} holds once the input is processed, against
 * {@link ContractModel}'s own reading of the contract (±0.0001, as consumers compare), over random histories of
 * 2014–2025 with cities of every cohort and comparison cities a user added to the reference data.
 */
@DisplayName("R10 programme impact through the topology, against an independent model")
class ProgrammeImpactFlowTest {

    /** A pilot city of every cohort, the rest of China, and three comparison cities added by the user. */
    private static final List<String> CITIES = List.of("beijing", "shanghai", "tianjin", "wuhan", "nanjing", "xian",
            "suzhou", "other", "comp-a", "comp-b", "comp-c");
    private static final Set<String> COMPARISON = Set.of("comp-a", "comp-b", "comp-c");
    private static final List<String> SECTORS = List.of("C", "F", "K", "M");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    @DisplayName("every cell, event time and the overall estimate equal the model's, sizes and quarters exactly")
    void randomHistories(long seed) throws IOException {
        Random random = new Random(seed);
        ContractModel model = new ContractModel("USD", COMPARISON);
        try (PulseDriver driver = new PulseDriver("USD", Map.of("fdi.reference.cities", citiesFile().toString()))) {
            for (int i = 0; i < 600; i++) {
                InvestmentEvent e = random(random, 2014, 2026);
                driver.send(e);
                model.investment(e);
                if (i % 150 == 149) {
                    driver.impact();   // publications along the way: later input moves what was published
                }
            }
            assertMatches(model, driver.impact(), "seed " + seed);
            assertTrue(driver.impact().size() > 100, "a panel of 48 quarters has many cells, seed " + seed);
        }
    }

    @Test
    @DisplayName("a late investment in an old quarter moves t0 and every estimate it reaches, exactly as the model says")
    void lateInvestmentInAnOldQuarter() throws IOException {
        Random random = new Random(7);
        ContractModel model = new ContractModel("USD", COMPARISON);
        try (PulseDriver driver = new PulseDriver("USD", Map.of("fdi.reference.cities", citiesFile().toString()))) {
            for (int i = 0; i < 300; i++) {
                InvestmentEvent e = random(random, 2016, 2026);
                driver.send(e);
                model.investment(e);
            }
            Map<String, ImpactEstimate> before = new TreeMap<>(driver.impact());
            assertMatches(model, before, "before");
            assertFalse(before.containsKey("cell|2015-Q2|2015-Q3"), "Beijing's first cells need quarters before 2016");

            InvestmentEvent late = Inputs.usd("late", "other", "K", "2500000.00", "2015-02-10T08:00:00Z");
            driver.send(late);
            model.investment(late);
            Map<String, ImpactEstimate> after = driver.impact();
            assertMatches(model, after, "after");
            assertTrue(after.containsKey("cell|2015-Q2|2015-Q3"), "t0 is 2015-Q1 now: Beijing's cell from 2015-Q3, base 2015-Q1");
            assertEquals("2015-Q1", after.get("cell|2015-Q2|2015-Q3").getBaseQuarter());
        }
    }

    @Test
    @DisplayName("an empty panel publishes nothing: no share record, no estimate")
    void emptyPanel() throws IOException {
        try (PulseDriver driver = new PulseDriver("USD", Map.of("fdi.reference.cities", citiesFile().toString()))) {
            driver.send(Inputs.usd("e1", "atlantis", "K", "10.00", "2021-05-01T00:00:00Z"));   // rejected: UNKNOWN_CITY
            assertEquals(Map.of(), driver.impact());
            assertEquals(List.of(), driver.impactRecords());
        }
    }

    private static void assertMatches(ContractModel model, Map<String, ImpactEstimate> actual, String what) {
        Map<String, JsonNode> json = new TreeMap<>();
        actual.forEach((key, estimate) -> json.put(key, JsonViews.impact(estimate)));
        assertEquals(List.of(), ImpactComparison.differences(model.programmeImpact(), json, "USD"), what);
    }

    /** Investments over [fromYear, toYear), revisions and withdrawals of a few dozen eventIds included. */
    private static InvestmentEvent random(Random random, int fromYear, int toYear) {
        long start = Instant.parse(fromYear + "-01-01T00:00:00Z").getEpochSecond();
        long end = Instant.parse(toYear + "-01-01T00:00:00Z").getEpochSecond();
        Instant at = Instant.ofEpochSecond(start + (long) (random.nextDouble() * (end - start)));
        String amount = BigDecimal.valueOf(100_000 + random.nextInt(500_000_000), 2).toPlainString();
        InvestmentEvent e = Inputs.investment("e" + random.nextInt(400), random.nextInt(4),
                CITIES.get(random.nextInt(CITIES.size())), SECTORS.get(random.nextInt(SECTORS.size())), amount, "USD",
                at.toString());
        e.setWithdrawn(random.nextInt(15) == 0);
        return e;
    }

    /** The shipped cities with three comparison cities a user added, as the README says to add them. */
    private Path citiesFile() throws IOException {
        String shipped = new String(getClass().getClassLoader().getResourceAsStream("reference/cities.csv").readAllBytes());
        Path file = dir.resolve("cities.csv");
        Files.writeString(file, shipped + "comp-a,,Anhui,\ncomp-b,,Hebei,\ncomp-c,,Yunnan,\n");
        return file;
    }
}
