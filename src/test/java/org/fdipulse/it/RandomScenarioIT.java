package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.fdipulse.testing.ContractModel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule at once on a real broker: {@code generate --scenario random} (duplicates, revisions, withdrawals, bad
 * records, late measure updates), {@code ingest}, {@code run}, {@code tail}. The expected figures come from
 * {@link ContractModel}, fed the generated files; it shares no code with the job.
 */
@DisplayName("random scenario on a real broker: every output record and dead letter equals the model's")
class RandomScenarioIT {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * R10 on a history of 2014-2025 with 30 comparison cities the user added to the reference data, through the jar's
     * commands: every output, the programme impact included, equals the model's (±0.0001), and {@code GET /api/v1/impact}
     * recovers the effect planted (within 0.1, as PlantedEffectScenarioTest measured over ten seeds).
     */
    @ParameterizedTest(name = "X = {0}")
    @ValueSource(doubles = {0.3, 0.0})
    @DisplayName("planted-effect (2014-2025, comparison cities): the programme impact equals the model's, and its overall estimate is the effect planted")
    void plantedEffect(double effect) throws Exception {
        RandomData data = RandomData.plantedEffect("planted-" + effect, effect, 1);
        Deployment d = new Deployment("planted-" + String.valueOf(effect).replace('.', '-'));
        d.ingest("fx-rates", data.rates());
        d.ingest("investments", data.investments());
        d.ingest("measures", data.measures());
        int port = Deployment.freePort();
        try (Jar.Running job = d.run("USD", port, "fdi.reference.cities=" + data.cities())) {
            JobHttp.awaitHealthy(port, job);
            d.assertImpactMatches(data.model(), job);
            if (effect > 0) {
                d.assertMatches(data.model(), job);
            }
            var response = JobHttp.get(port, "/api/v1/impact");
            assertEquals(200, response.statusCode(), response.body());
            JsonNode impact = JSON.readTree(response.body());
            double overall = impact.get("overall").get("estimate").asDouble();
            assertTrue(Math.abs(overall - effect) < 0.1, "overall " + overall + " against the planted " + effect);
            assertEquals("ln(1+services/1e6)", impact.get("outcome").asText());
            assertEquals(impact.get("eventStudy").size(), data.model().programmeImpact().keySet().stream()
                    .filter(k -> k.startsWith("event|")).count(), "the event study, every event time");
            job.assertStopsCleanly();
        }
    }
}
