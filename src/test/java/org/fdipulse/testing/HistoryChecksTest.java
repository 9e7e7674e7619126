package org.fdipulse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The history checks catch what they are for: each fed a history with the fault it looks for, and one without. */
@DisplayName("history checks: a doubled transition, a transiently doubled total, a falling total, a wrong key")
class HistoryChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> records(String... lines) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines) {
            out.add(JSON.readTree(line.replace('\'', '"')));
        }
        return out;
    }

    private static String alert(String key, String state) {
        return "{'key':'" + key + "','value':{'state':'" + state + "'}}";
    }

    private static String share(String scope, String quarter, String total) {
        return "{'key':'" + scope + "|" + quarter + "','value':{'scope':'" + scope + "','quarter':'" + quarter
                + "','total':'" + total + "'}}";
    }

    @Test
    @DisplayName("alerts: FIRING, RESOLVED, FIRING passes; a FIRING written twice (a doubled transaction) fails")
    void alternation() throws IOException {
        String a = "services-share-below|ALL|2025-Q1";
        String b = "ytd-yoy-below|beijing|2025-Q2";
        assertEquals(List.of(), HistoryChecks.alertsAlternate(records(alert(a, "FIRING"), alert(b, "FIRING"),
                alert(a, "RESOLVED"), alert(a, "FIRING"))));
        assertEquals(List.of("alert " + a + ": FIRING after FIRING"), HistoryChecks.alertsAlternate(records(
                alert(a, "FIRING"), alert(b, "FIRING"), alert(a, "FIRING"))));
        assertEquals(List.of("alert " + b + ": RESOLVED after nothing"), HistoryChecks.alertsAlternate(records(alert(b, "RESOLVED"))));
    }

    @Test
    @DisplayName("totals: growing to the final passes; a total briefly doubled, or one that goes down, fails")
    void totals() throws IOException {
        var total = (java.util.function.Function<JsonNode, BigDecimal>) v -> new BigDecimal(v.get("total").asText());
        assertEquals(List.of(), HistoryChecks.neverAboveFinalNorDown(records(share("ALL", "2025-Q1", "10.00"),
                share("ALL", "2025-Q1", "30.00"), share("ALL", "2025-Q1", "30.00")), total));
        assertEquals(List.of("ALL|2025-Q1: record 2 of 3 shows 60.00, above the final 30.00",
                        "ALL|2025-Q1: record 3 shows 30.00, down from 60.00"),
                HistoryChecks.neverAboveFinalNorDown(records(share("ALL", "2025-Q1", "30.00"), share("ALL", "2025-Q1", "60.00"),
                        share("ALL", "2025-Q1", "30.00")), total));
    }

    @Test
    @DisplayName("keys: the value's scope|quarter passes; another key, or bytes that did not decode, fail")
    void keys() throws IOException {
        assertEquals(List.of(), HistoryChecks.keysAsTheContractSays(records(share("xian", "2025-Q2", "1.00")),
                HistoryChecks::scopeQuarter));
        List<JsonNode> wrong = records("{'key':'xian|2025-Q3','value':{'scope':'xian','quarter':'2025-Q2'}}",
                "{'key':'x','value':{'base64':'AAE='}}", "{'key':'gone','value':null}");
        assertEquals(List.of("key xian|2025-Q3 on a record of xian|2025-Q2", "key x: a value that does not decode"),
                HistoryChecks.keysAsTheContractSays(wrong, HistoryChecks::scopeQuarter));
    }

    @Test
    @DisplayName("the contract's key of every output, from its value: cells, progress, alerts and the three kinds of estimate")
    void contractKeys() throws IOException {
        assertEquals("shanghai|I|2025-Q3", HistoryChecks.KEY_OF_OUTPUT.get("sector-summary").apply(
                JSON.readTree("{\"city\":\"shanghai\",\"sector\":\"I\",\"quarter\":\"2025-Q3\"}")));
        assertEquals("beijing|finance", HistoryChecks.KEY_OF_OUTPUT.get("pilot-progress").apply(
                JSON.readTree("{\"scope\":\"beijing\",\"focusArea\":\"finance\"}")));
        assertEquals("services-share-below|ALL|2025-Q1", HistoryChecks.KEY_OF_OUTPUT.get("alerts").apply(
                JSON.readTree("{\"rule\":\"services-share-below\",\"scope\":\"ALL\",\"quarter\":\"2025-Q1\"}")));
        var impact = HistoryChecks.KEY_OF_OUTPUT.get("programme-impact");
        assertEquals("cell|2021-Q2|2023-Q4", impact.apply(JSON.readTree(
                "{\"kind\":\"CELL\",\"cohort\":\"2021-Q2\",\"quarter\":\"2023-Q4\",\"eventTime\":10}")));
        assertEquals("event|-3", impact.apply(JSON.readTree("{\"kind\":\"EVENT_TIME\",\"cohort\":null,\"eventTime\":-3}")));
        assertEquals("overall", impact.apply(JSON.readTree("{\"kind\":\"OVERALL\",\"cohort\":null,\"eventTime\":null}")));
    }

    @Test
    @DisplayName("growing figures: a share record's ttm total briefly above its final one is caught")
    void growingShareFigures() throws IOException {
        List<JsonNode> history = records(
                "{'key':'ALL|2025-Q1','value':{'total':'5','services':'1','ttm':{'total':'9','services':'2'},'ytd':{'total':'5','services':'1'}}}",
                "{'key':'ALL|2025-Q1','value':{'total':'6','services':'1','ttm':{'total':'20','services':'2'},'ytd':{'total':'6','services':'1'}}}",
                "{'key':'ALL|2025-Q1','value':{'total':'7','services':'1','ttm':{'total':'11','services':'2'},'ytd':{'total':'7','services':'1'}}}");
        List<String> wrong = new ArrayList<>();
        HistoryChecks.GROWING_FIGURES.get("services-share").forEach(f -> wrong.addAll(HistoryChecks.neverAboveFinalNorDown(history, f)));
        assertEquals(List.of("ALL|2025-Q1: record 2 of 3 shows 20, above the final 11",
                "ALL|2025-Q1: record 3 shows 11, down from 20"), wrong);
    }
}
