package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
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
     * own commands only ({@code generate}, {@code broker}, {@code ingest}, {@code run}, {@code GET /api/v1/impact}): every
     * output, the programme impact included, equals the model's (±0.0001 for R10), and the overall estimate recovers the
     * effect planted (within 0.1, as PlantedEffectScenarioTest measured over ten seeds), for X = 0.3 and for X = 0.
     */
    @Test
    @DisplayName("planted-effect (2014-2025, comparison cities) through the commands: the impact equals the model's and recovers X")
    void plantedEffect() throws Exception {
        int brokerPort = Deployment.freePort();
        try (Jar.Running broker = Jar.startBroker(brokerPort, Path.of("target", "it-broker", "planted-" + UUID.randomUUID()))) {
            for (double effect : new double[] {0.3, 0.0}) {
                RandomData data = RandomData.plantedEffect("planted-" + effect, effect, 1);
                Deployment d = new Deployment("planted-" + String.valueOf(effect).replace('.', '-'), "127.0.0.1:" + brokerPort);
                d.ingest("fx-rates", data.rates());
                d.ingest("investments", data.investments());
                d.ingest("measures", data.measures());
                int port = Deployment.freePort();
                try (Jar.Running job = d.run("USD", port, "fdi.reference.cities=" + data.cities())) {
                    JobHttp.awaitHealthy(port, job);
                    if (effect > 0) {
                        d.assertMatches(data.model(), job);   // every figure of the 2014-2025 history, R10 included
                    } else {
                        d.assertImpactMatches(data.model(), job);
                    }
                    var response = JobHttp.get(port, "/api/v1/impact");
                    assertEquals(200, response.statusCode(), response.body());
                    JsonNode impact = JSON.readTree(response.body());
                    double overall = impact.get("overall").get("estimate").asDouble();
                    assertTrue(Math.abs(overall - effect) < 0.1, "overall " + overall + " against the planted " + effect);
                    assertEquals("ln(1+services/1e6)", impact.get("outcome").asText());
                    assertEquals(impact.get("eventStudy").size(), data.model().programmeImpact().keySet().stream()
                            .filter(k -> k.startsWith("event|")).count(), "the event study, every event time");
                    System.out.printf("[measured] planted %.1f: overall %s [%s, %s]%n", effect, impact.get("overall").get("estimate"),
                            impact.get("overall").get("low"), impact.get("overall").get("high"));
                    job.assertStopsCleanly();
                }
            }
        }
    }
}
