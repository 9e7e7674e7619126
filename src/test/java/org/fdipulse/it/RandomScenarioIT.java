package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.generate.Scenario;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.Describe;
import org.fdipulse.testing.JsonLines;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every rule at once on a real broker: {@code generate --scenario random} (duplicates, revisions, withdrawals, bad
 * records, late measure updates), {@code ingest}, {@code run}, {@code tail}. The expected figures come from
 * {@link ContractModel}, fed the generated files; it shares no code with the job.
 */
@DisplayName("random scenario on a real broker: every output record and dead letter equals the model's")
class RandomScenarioIT {

    @Test
    @DisplayName("sector cells, shares, progress and dead letters by reason, exactly")
    void everyRule() throws Exception {
        Path dir = Path.of("target", "it-data", "random");
        Jar.Result generated = Jar.run("generate", "--scenario", "random", "--investments", "3000", "--seed", "11",
                "--out", dir.toString());
        assertEquals(0, generated.exit(), generated.err());

        ContractModel model = new ContractModel("USD");
        JsonLines.read(dir.resolve(Scenario.RATES_FILE), FxRate::new).forEach(model::rate);
        JsonLines.read(dir.resolve(Scenario.INVESTMENTS_FILE), InvestmentEvent::new).forEach(model::investment);
        JsonLines.read(dir.resolve(Scenario.MEASURES_FILE), MeasureUpdate::new).forEach(model::measure);
        assertTrue(model.deadLetters().keySet().containsAll(java.util.List.of("UNKNOWN_CITY", "UNKNOWN_SECTOR",
                "INVALID_AMOUNT", "INVALID_CURRENCY", "NO_FX_RATE", "INVALID_RATE", "UNKNOWN_FOCUS_AREA", "INVALID_STATUS")),
                "the scenario exercises the rejection codes: " + model.deadLetters());

        Deployment d = new Deployment("random");
        d.ingest("fx-rates", dir.resolve(Scenario.RATES_FILE));
        d.ingest("investments", dir.resolve(Scenario.INVESTMENTS_FILE));
        d.ingest("measures", dir.resolve(Scenario.MEASURES_FILE));
        try (Jar.Running job = d.run("USD")) {
            Map<String, String> expectedShares = model.shares();
            assertEquals(expectedShares, d.awaitTopic(d.outputTopic("services-share", "USD"), Describe::shareJson,
                    expectedShares::equals, job), "services shares");
            Map<String, String> expectedCells = model.sectorCells();
            assertEquals(expectedCells, d.awaitTopic(d.outputTopic("sector-summary", "USD"), Describe::sectorJson,
                    expectedCells::equals, job), "sector cells");
            Map<String, String> expectedProgress = model.progress();
            assertEquals(expectedProgress, d.awaitTopic(d.outputTopic("pilot-progress", "USD"), Describe::progressJson,
                    expectedProgress::equals, job), "pilot progress");
            assertEquals(model.deadLetters(), d.deadLettersByReason(), "dead letters by reason");
            job.assertStopsCleanly();
        }
    }
}
