package org.fdipulse.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.avro.PilotProgress;
import org.fdipulse.avro.SectorSummary;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.avro.ShareFigures;
import org.fdipulse.ingest.JsonToAvro;
import org.fdipulse.rules.RejectionReason;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The golden-2000 oracle (figures computed by a separate implementation of SPEC section 3) through the production
 * topology in a TopologyTestDriver. The same fixture runs against a real broker in the integration tests.
 */
@DisplayName("golden-2000 oracle through the topology")
class GoldenFixtureTopologyTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Test
    @DisplayName("every share, sector cell, progress figure and dead letter equals the oracle")
    void matchesOracle() throws Exception {
        JsonNode expected = JSON.readTree(resource("expected.json"));
        try (PulseDriver driver = new PulseDriver()) {
            lines("fx.jsonl", line -> driver.send(read(line, FxRate::new, FxRate.class)));
            lines("investments.jsonl", line -> driver.send(read(line, InvestmentEvent::new, InvestmentEvent.class)));
            lines("measures.jsonl", line -> driver.send(read(line, MeasureUpdate::new, MeasureUpdate.class)));

            assertShares(expected.get("shares"), driver.shares());
            assertInvestments(expected.get("investments"), driver.sectorSummaries());
            assertProgress(expected.get("progress"), driver.progress());
            assertDeadLetters(expected.get("deadLetters"), driver.deadLetters());
        }
    }

    private static void assertShares(JsonNode expected, Map<String, ServicesShare> actual) {
        assertEquals(names(expected), new TreeSet<>(actual.keySet()), "services-share keys");
        expected.fields().forEachRemaining(e -> {
            ServicesShare share = actual.get(e.getKey());
            JsonNode want = e.getValue();
            String where = "share " + e.getKey();
            assertEquals(want.get("scope").asText(), share.getScope(), where);
            assertEquals(want.get("quarter").asText(), share.getQuarter(), where);
            assertEquals(want.get("currency").asText(), share.getCurrency(), where);
            assertFigures(want, share.getServices(), share.getTotal(), share.getServicesShare(), where);
            ShareFigures ttm = share.getTtm();
            assertFigures(want.get("ttm"), ttm.getServices(), ttm.getTotal(), ttm.getServicesShare(), where + " ttm");
            ShareFigures ytd = share.getYtd();
            assertFigures(want.get("ytd"), ytd.getServices(), ytd.getTotal(), ytd.getServicesShare(), where + " ytd");
        });
    }

    private static void assertFigures(JsonNode want, BigDecimal services, BigDecimal total, BigDecimal share, String where) {
        assertEquals(want.get("services").asText(), services.toPlainString(), where + " services");
        assertEquals(want.get("total").asText(), total.toPlainString(), where + " total");
        JsonNode wantShare = want.get("servicesShare");
        if (wantShare.isNull()) {
            assertEquals(null, share, where + " servicesShare");
        } else {
            assertNotNull(share, where + " servicesShare");
            assertEquals(0, wantShare.decimalValue().compareTo(share),
                    where + " servicesShare " + wantShare + " vs " + share);
            assertEquals(4, share.scale(), where + " servicesShare scale");
        }
    }

    private static void assertInvestments(JsonNode expected, Map<String, SectorSummary> actual) {
        Map<String, Map<String, SectorSummary>> byCityQuarter = new TreeMap<>();
        actual.values().stream().filter(s -> s.getInvestments() > 0).forEach(s ->
                byCityQuarter.computeIfAbsent(s.getCity() + "|" + s.getQuarter(), k -> new TreeMap<>()).put(s.getSector(), s));
        assertEquals(names(expected), byCityQuarter.keySet(), "city|quarter with counted investments");
        expected.fields().forEachRemaining(e -> {
            Map<String, SectorSummary> sectors = byCityQuarter.get(e.getKey());
            JsonNode want = e.getValue().get("sectors");
            assertEquals(names(want), sectors.keySet(), "sectors of " + e.getKey());
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            for (SectorSummary s : sectors.values()) {
                JsonNode cell = want.get(s.getSector());
                String where = "sector " + e.getKey() + " " + s.getSector();
                assertEquals(cell.get("amount").asText(), s.getAmount().toPlainString(), where);
                assertEquals(cell.get("investments").asInt(), s.getInvestments(), where);
                total = total.add(s.getAmount());
            }
            assertEquals(e.getValue().get("total").asText(), total.toPlainString(), "total of " + e.getKey());
        });
    }

    private static void assertProgress(JsonNode expected, Map<String, PilotProgress> actual) {
        TreeSet<String> wantKeys = new TreeSet<>();
        expected.fields().forEachRemaining(scope -> scope.getValue().fields().forEachRemaining(area -> {
            String key = scope.getKey() + "|" + area.getKey();
            wantKeys.add(key);
            PilotProgress p = actual.get(key);
            assertNotNull(p, "progress " + key);
            JsonNode want = area.getValue();
            assertEquals(want.get("planned").asInt(), p.getPlanned(), key + " planned");
            assertEquals(want.get("inProgress").asInt(), p.getInProgress(), key + " inProgress");
            assertEquals(want.get("implemented").asInt(), p.getImplemented(), key + " implemented");
            assertEquals(want.get("total").asInt(), p.getTotal(), key + " total");
            assertEquals(0, want.get("implementationRate").decimalValue().compareTo(p.getImplementationRate()),
                    key + " implementationRate " + want.get("implementationRate") + " vs " + p.getImplementationRate());
        }));
        TreeSet<String> actualCounted = new TreeSet<>();
        actual.forEach((k, p) -> {
            if (p.getTotal() > 0) {
                actualCounted.add(k);
            }
        });
        assertEquals(wantKeys, actualCounted, "progress keys with counted measures");
    }

    private static void assertDeadLetters(JsonNode expected, List<PulseDriver.DeadLetter> actual) {
        assertEquals(expected.get("total").asInt(), actual.size(), "dead letters");
        Map<String, Integer> byReason = new TreeMap<>();
        actual.forEach(d -> byReason.merge(d.reason(), 1, Integer::sum));
        Map<String, Integer> want = new TreeMap<>();
        expected.get("byReason").fields().forEachRemaining(e -> want.put(RejectionReason.valueOf(e.getKey()).name(), e.getValue().asInt()));
        assertEquals(want, byReason);
    }

    private static TreeSet<String> names(JsonNode object) {
        TreeSet<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static <T extends org.apache.avro.specific.SpecificRecordBase> T read(String line, java.util.function.Supplier<T> record, Class<T> type) {
        try {
            return JsonToAvro.read(line, record);
        } catch (JsonToAvro.InvalidLineException e) {
            throw new AssertionError("fixture line does not parse: " + e.getMessage() + ": " + line, e);
        }
    }

    private static void lines(String name, Consumer<String> each) throws IOException {
        List<String> lines = new ArrayList<>(List.of(resource(name).split("\n")));
        lines.removeIf(String::isBlank);
        lines.forEach(each);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GoldenFixtureTopologyTest.class.getResourceAsStream("/golden-2000/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
