package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.generate.Scenario;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.JsonLines;

/**
 * A random scenario written by the {@code generate} command, and what {@link ContractModel} says the job must make
 * of it (rates, then investments, then measure updates, as the tests send them).
 */
record RandomData(Path dir, ContractModel model) {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static RandomData generate(String name, int investments, long seed) throws Exception {
        return modelled(generated(name, investments, seed));
    }

    /**
     * A random scenario without withdrawals or revisions: each investment's first record, and the exact duplicates
     * of records before it (a producer's retries, which move nothing). Rejected records stay. Every amount of it only
     * grows, so a history check can tell a total briefly counted twice ({@link Deployment#withInputThatOnlyGrows}).
     */
    static RandomData growingOnly(String name, int investments, long seed) throws Exception {
        Path dir = generated(name, investments, seed);
        Path file = dir.resolve(Scenario.INVESTMENTS_FILE);
        Set<String> seenIds = new java.util.HashSet<>();
        Set<String> seenLines = new java.util.HashSet<>();
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String eventId = JSON.readTree(line).path("eventId").asText();
            // a duplicate of a line that was dropped (a revision's retry) is dropped with it
            if (seenIds.add(eventId) || seenLines.contains(line)) {
                kept.add(line);
                seenLines.add(line);
            }
        }
        Files.write(file, kept);
        return modelled(dir);
    }

    private static Path generated(String name, int investments, long seed) throws Exception {
        Path dir = Path.of("target", "it-data", name);
        Jar.Result generated = Jar.run("generate", "--scenario", "random", "--investments", String.valueOf(investments),
                "--seed", String.valueOf(seed), "--out", dir.toString());
        assertEquals(0, generated.exit(), generated.err());
        return dir;
    }

    private static RandomData modelled(Path dir) throws Exception {
        ContractModel model = new ContractModel("USD");
        JsonLines.read(dir.resolve(Scenario.RATES_FILE), FxRate::new).forEach(model::rate);
        JsonLines.read(dir.resolve(Scenario.INVESTMENTS_FILE), InvestmentEvent::new).forEach(model::investment);
        JsonLines.read(dir.resolve(Scenario.MEASURES_FILE), MeasureUpdate::new).forEach(model::measure);
        return new RandomData(dir, model);
    }

    /**
     * The planted-effect scenario ({@code generate --scenario planted-effect}), with the model told of the comparison
     * cities its {@code cities.csv} adds (rows without a cohort, beside {@code other}).
     */
    static RandomData plantedEffect(String name, double effect, long seed) throws Exception {
        Path dir = Path.of("target", "it-data", name);
        Jar.Result generated = Jar.run("generate", "--scenario", "planted-effect", "--effect", String.valueOf(effect),
                "--seed", String.valueOf(seed), "--out", dir.toString());
        assertEquals(0, generated.exit(), generated.err());
        Set<String> comparison = new TreeSet<>();
        for (String row : Files.readAllLines(dir.resolve(Scenario.CITIES_FILE))) {
            String[] f = row.split(",", -1);
            if (!row.startsWith("#") && !row.startsWith("code,") && f.length > 1 && f[1].isEmpty() && !f[0].equals("other")) {
                comparison.add(f[0]);
            }
        }
        ContractModel model = new ContractModel("USD", comparison);
        JsonLines.read(dir.resolve(Scenario.RATES_FILE), FxRate::new).forEach(model::rate);
        JsonLines.read(dir.resolve(Scenario.INVESTMENTS_FILE), InvestmentEvent::new).forEach(model::investment);
        JsonLines.read(dir.resolve(Scenario.MEASURES_FILE), MeasureUpdate::new).forEach(model::measure);
        return new RandomData(dir, model);
    }

    Path cities() {
        return dir.resolve(Scenario.CITIES_FILE);
    }

    Path rates() {
        return dir.resolve(Scenario.RATES_FILE);
    }

    Path investments() {
        return dir.resolve(Scenario.INVESTMENTS_FILE);
    }

    Path measures() {
        return dir.resolve(Scenario.MEASURES_FILE);
    }
}
