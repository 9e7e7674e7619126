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

    /**
     * The contract's key of a value of each output (section 2), by the topic's role: what
     * {@link #keysAsTheContractSays} compares each record's key with.
     */
    public static final Map<String, Function<JsonNode, String>> KEY_OF_OUTPUT = Map.of(
            "services-share", HistoryChecks::scopeQuarter,
            "capital-mix", HistoryChecks::scopeQuarter,
            "source-mix", HistoryChecks::scopeQuarter,
            "sector-summary", v -> v.get("city").asText() + "|" + v.get("sector").asText() + "|" + v.get("quarter").asText(),
            "pilot-progress", v -> v.get("scope").asText() + "|" + v.get("focusArea").asText(),
            "alerts", v -> v.get("rule").asText() + "|" + v.get("scope").asText() + "|" + v.get("quarter").asText(),
            "programme-impact", HistoryChecks::impactKey);

    /** R10: {@code cell|g|t}, {@code event|e} or {@code overall}, by the estimate's kind. */
    public static String impactKey(JsonNode value) {
        return switch (value.get("kind").asText()) {
            case "CELL" -> "cell|" + value.get("cohort").asText() + "|" + value.get("quarter").asText();
            case "EVENT_TIME" -> "event|" + value.get("eventTime").asText();
            default -> "overall";
        };
    }

    /**
     * The amounts of each output that only grow while nothing is withdrawn or revised down, by the topic's role: a
     * share record's totals and services of the quarter, the trailing four quarters and the year to date; a sector
     * cell's amount and count; a source-mix record's total.
     */
    public static final Map<String, List<Function<JsonNode, BigDecimal>>> GROWING_FIGURES = Map.of(
            "services-share", List.of(amount("total"), amount("services"), amount("ttm", "total"),
                    amount("ttm", "services"), amount("ytd", "total"), amount("ytd", "services")),
            "sector-summary", List.of(amount("amount"), amount("investments")),
            "source-mix", List.of(amount("total")));

    private static Function<JsonNode, BigDecimal> amount(String... path) {
        return value -> {
            JsonNode node = value;
            for (String field : path) {
                node = node.get(field);
            }
            return new BigDecimal(node.asText());
        };
    }
}
