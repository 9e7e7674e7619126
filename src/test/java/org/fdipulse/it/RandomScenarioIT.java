package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fdipulse.testing.ContractModel;
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
        RandomData data = RandomData.generate("random", 3000, 11);
        ContractModel model = data.model();
        assertTrue(model.deadLetters().keySet().containsAll(List.of("UNKNOWN_CITY", "UNKNOWN_SECTOR",
                "INVALID_AMOUNT", "INVALID_CURRENCY", "NO_FX_RATE", "INVALID_RATE", "UNKNOWN_FOCUS_AREA", "INVALID_STATUS")),
                "the scenario exercises the rejection codes: " + model.deadLetters());

        Deployment d = new Deployment("random");
        d.ingest("fx-rates", data.rates());
        d.ingest("investments", data.investments());
        d.ingest("measures", data.measures());
        try (Jar.Running job = d.run("USD")) {
            d.assertMatches(model, job);
            job.assertStopsCleanly();
        }
    }
}
