package org.fdipulse.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.InvestorType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JSON lines into input records (contract section 4)")
class JsonToAvroTest {

    @Test
    @DisplayName("decimals as strings or numbers, instants with Z or an offset, defaults for optional fields")
    void reads() throws Exception {
        InvestmentEvent e = JsonToAvro.read("{\"eventId\":\"e1\",\"city\":\"BEIJING\",\"sector\":\"o\","
                + "\"amount\":4848437.9,\"currency\":\"cny\",\"occurredAt\":\"2024-05-29T06:47:02+08:00\","
                + "\"investorType\":\"SOVEREIGN_FUND\"}", InvestmentEvent::new);
        assertEquals(new BigDecimal("4848437.90"), e.getAmount());
        assertEquals(Instant.parse("2024-05-28T22:47:02Z"), e.getOccurredAt());
        assertEquals(0, e.getRevision());
        assertEquals(false, e.getWithdrawn());
        assertEquals(InvestorType.SOVEREIGN_FUND, e.getInvestorType());
        assertEquals(null, e.getSourceEconomy(), "v3's sourceEconomy is optional");
        InvestmentEvent v3 = JsonToAvro.read("{\"eventId\":\"e2\",\"city\":\"beijing\",\"sector\":\"K\",\"amount\":\"1.00\","
                + "\"currency\":\"USD\",\"occurredAt\":\"2025-11-01T00:00:00Z\",\"sourceEconomy\":\"hk\"}", InvestmentEvent::new);
        assertEquals("hk", v3.getSourceEconomy(), "taken as written; the rules trim it and ignore its case (R11)");

        FxRate r = JsonToAvro.read("{\"currency\":\"JPY\",\"unitsPerUsd\":\"146.1264\",\"validFrom\":\"2024-10-31T16:00:00Z\"}", FxRate::new);
        assertEquals(new BigDecimal("146.126400"), r.getUnitsPerUsd());
    }

    @Test
    @DisplayName("rejects only what the schema cannot hold, naming the problem")
    void rejects() {
        assertProblem(JsonToAvro.Problem.BAD_JSON, "{not json");
        assertProblem(JsonToAvro.Problem.MISSING_FIELD, "{\"currency\":\"JPY\",\"validFrom\":\"2024-10-31T16:00:00Z\"}");
        assertProblem(JsonToAvro.Problem.WRONG_TYPE, "{\"currency\":7,\"unitsPerUsd\":\"1\",\"validFrom\":\"2024-10-31T16:00:00Z\"}");
        assertProblem(JsonToAvro.Problem.BAD_NUMBER, "{\"currency\":\"JPY\",\"unitsPerUsd\":\"lots\",\"validFrom\":\"2024-10-31T16:00:00Z\"}");
        assertProblem(JsonToAvro.Problem.BAD_INSTANT, "{\"currency\":\"JPY\",\"unitsPerUsd\":\"1\",\"validFrom\":\"2024-10-31\"}");
        assertProblem(JsonToAvro.Problem.TOO_MANY_DECIMALS, "{\"currency\":\"JPY\",\"unitsPerUsd\":\"1.0000001\",\"validFrom\":\"2024-10-31T16:00:00Z\"}");
    }

    @Test
    @DisplayName("numbers the schema cannot hold are NUMBER_OUT_OF_RANGE, whatever their notation, and cost nothing to reject")
    void outOfRange() {
        String investment = "{\"eventId\":\"e1\",\"city\":\"beijing\",\"sector\":\"F\",\"currency\":\"USD\","
                + "\"occurredAt\":\"2025-01-01T00:00:00Z\",";
        for (String amount : new String[] {"1e40", "\"1e40\"", "1" + "0".repeat(41), "\"1e999999999\"", "-1e37"}) {
            var e = assertThrows(JsonToAvro.InvalidLineException.class,
                    () -> JsonToAvro.read(investment + "\"amount\":" + amount + "}", InvestmentEvent::new), amount);
            assertEquals(JsonToAvro.Problem.NUMBER_OUT_OF_RANGE, e.problem(), amount + ": " + e.getMessage());
        }
        var revision = assertThrows(JsonToAvro.InvalidLineException.class,
                () -> JsonToAvro.read(investment + "\"amount\":1,\"revision\":4294967296}", InvestmentEvent::new));
        assertEquals(JsonToAvro.Problem.NUMBER_OUT_OF_RANGE, revision.problem());
        // 36 digits before the point and 2 after: the most decimal(38, 2) holds
        String largest = "9".repeat(36) + ".99";
        assertEquals(new BigDecimal(largest), assertDoesNotThrowRead(investment + "\"amount\":\"" + largest + "\"}").getAmount());
    }

    private static InvestmentEvent assertDoesNotThrowRead(String line) {
        try {
            return JsonToAvro.read(line, InvestmentEvent::new);
        } catch (JsonToAvro.InvalidLineException e) {
            throw new AssertionError(e.problem() + ": " + e.getMessage(), e);
        }
    }

    private static void assertProblem(JsonToAvro.Problem problem, String line) {
        var e = assertThrows(JsonToAvro.InvalidLineException.class, () -> JsonToAvro.read(line, FxRate::new));
        assertEquals(problem, e.problem(), e.getMessage());
    }
}
