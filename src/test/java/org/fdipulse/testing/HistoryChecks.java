package org.fdipulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks of an output topic's whole committed history, as Jepsen asks of an exactly-once system: not only "are the final
 * figures right?" but "was any record published that no correct run could have shown?". Each takes the records as
 * {@code tail --from-beginning} prints them ({@code {"key", "value"}}, in the order of each partition; a key lives in
 * one partition, so its records are in the order they were written) and returns what it found wrong, each named.
 */
public final class HistoryChecks {

    private HistoryChecks() {
    }

    /**
     * R9: per alert key, the states alternate FIRING, RESOLVED, FIRING… starting with FIRING. Two identical transitions
     * in a row are what a transaction applied twice would leave.
     */
    public static List<String> alertsAlternate(List<JsonNode> alertRecords) {
        List<String> wrong = new ArrayList<>();
        Map<String, String> last = new HashMap<>();
        for (JsonNode record : alertRecords) {
            String key = record.get("key").asText();
            String state = record.get("value").get("state").asText();
            String expected = "FIRING".equals(last.getOrDefault(key, "RESOLVED")) ? "RESOLVED" : "FIRING";
            if (!expected.equals(state)) {
                wrong.add("alert " + key + ": " + state + " after " + last.getOrDefault(key, "nothing"));
            }
            last.put(key, state);
        }
        return wrong;
    }

    /**
     * For inputs without withdrawals or downward revisions, every amount only grows: per key, no published figure
     * ever goes down, and none exceeds the key's final one. A total that was briefly doubled (a batch counted twice,
     * then corrected) breaks the second; a figure that lost something breaks the first.
     *
     * @param figure the amount of a record's value to follow, e.g. a share record's {@code total}
     */
    public static List<String> neverAboveFinalNorDown(List<JsonNode> records, Function<JsonNode, BigDecimal> figure) {
        Map<String, List<BigDecimal>> byKey = new HashMap<>();
        for (JsonNode record : records) {
            if (!record.get("value").isNull()) {
                byKey.computeIfAbsent(record.get("key").asText(), k -> new ArrayList<>()).add(figure.apply(record.get("value")));
            }
        }
        List<String> wrong = new ArrayList<>();
        byKey.forEach((key, figures) -> {
            BigDecimal last = figures.get(figures.size() - 1);
            for (int i = 0; i < figures.size(); i++) {
                if (figures.get(i).compareTo(last) > 0) {
                    wrong.add(key + ": record " + (i + 1) + " of " + figures.size() + " shows " + figures.get(i)
                            + ", above the final " + last);
                }
                if (i > 0 && figures.get(i).compareTo(figures.get(i - 1)) < 0) {
                    wrong.add(key + ": record " + (i + 1) + " shows " + figures.get(i) + ", down from " + figures.get(i - 1));
                }
            }
        });
        return wrong;
    }

    /**
     * Every record decoded (not shown as {@code {"base64": …}}, which {@code tail} prints for bytes it cannot read) and
     * carries the contract's key, the one its value names.
     *
     * @param keyOf the contract's key of a value, e.g. {@code scope|quarter}
     */
    public static List<String> keysAsTheContractSays(List<JsonNode> records, Function<JsonNode, String> keyOf) {
        List<String> wrong = new ArrayList<>();
        for (JsonNode record : records) {
            JsonNode value = record.get("value");
            if (value.isNull()) {
                continue;   // a tombstone has no value to name its key
            }
            if (value.has("base64")) {
                wrong.add("key " + record.get("key").asText() + ": a value that does not decode");
            } else if (!keyOf.apply(value).equals(record.get("key").asText())) {
                wrong.add("key " + record.get("key").asText() + " on a record of " + keyOf.apply(value));
            }
        }
        return wrong;
    }

    /** {@code scope|quarter}: the key of share, capital-mix and source-mix records. */
    public static String scopeQuarter(JsonNode value) {
        return value.get("scope").asText() + "|" + value.get("quarter").asText();
    }
}
