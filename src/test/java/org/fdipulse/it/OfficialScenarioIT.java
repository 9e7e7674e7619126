package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.fdipulse.generate.Scenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MOFCOM's published figures (contract section 1) from the official scenario, on a real broker. */
@DisplayName("official-2024-2025 on a real broker: the published figures")
class OfficialScenarioIT {

    /** contract section 1, billion yuan, cumulative from January: quarter → total, services (null: not published). */
    private static final Map<String, String[]> PUBLISHED = new TreeMap<>(Map.of(
            "2024-Q1", new String[] {"301.67", null},
            "2024-Q2", new String[] {"498.91", null},
            "2024-Q3", new String[] {"640.60", "446.13"},
            "2024-Q4", new String[] {"826.25", "584.56"},
            "2025-Q1", new String[] {"269.23", "193.33"},
            "2025-Q2", new String[] {"423.23", "305.87"},
            "2025-Q3", new String[] {"573.75", "410.93"},
            "2025-Q4", new String[] {"747.69", "545.12"}));

    @Test
    @DisplayName("in CNY every national year-to-date figure equals the table to the yuan; in USD 2025-Q1 is US$36.94 billion")
    void publishedFigures() throws Exception {
        Path dir = Path.of("target", "it-data", "official");
        Jar.Result generated = Jar.run("generate", "--scenario", "official-2024-2025", "--out", dir.toString());
        assertEquals(0, generated.exit(), generated.err());
        Deployment d = new Deployment("official");
        d.ingest("fx-rates", dir.resolve(Scenario.RATES_FILE));
        d.ingest("investments", dir.resolve(Scenario.INVESTMENTS_FILE));

        Map<String, String> expected = new TreeMap<>();
        PUBLISHED.forEach((quarter, figures) -> expected.put("ALL|" + quarter,
                yuan(figures[0]) + (figures[1] == null ? "" : " services " + yuan(figures[1]))));
        try (Jar.Running cny = d.run("CNY"); Jar.Running usd = d.run("USD")) {
            Map<String, String> ytd = d.awaitTopic(d.outputTopic("services-share", "CNY"),
                    v -> v.get("ytd").get("total").asText() + " services " + v.get("ytd").get("services").asText(),
                    actual -> matchesPublished(actual, expected), cny);
            assertEquals(expected, published(ytd, expected), "ALL year-to-date in CNY");

            Map<String, String> q1 = d.awaitTopic(d.outputTopic("services-share", "USD"), v -> v.get("total").asText(),
                    actual -> actual.containsKey("ALL|2025-Q1") && actual.containsKey("ALL|2025-Q4"), usd);
            BigDecimal total = new BigDecimal(q1.get("ALL|2025-Q1"));
            assertEquals(new BigDecimal("36940000000"), total.divide(new BigDecimal("1E7"), 0, RoundingMode.HALF_EVEN)
                    .multiply(new BigDecimal("1E7")).setScale(0), "ALL|2025-Q1 in USD, to 10 million: " + total);
            cny.assertStopsCleanly();
            usd.assertStopsCleanly();
        }
    }

    private static boolean matchesPublished(Map<String, String> actual, Map<String, String> expected) {
        return expected.equals(published(actual, expected));
    }

    /** The actual ALL records of the published quarters, showing services only where the table does. */
    private static Map<String, String> published(Map<String, String> actual, Map<String, String> expected) {
        Map<String, String> out = new TreeMap<>();
        expected.forEach((key, want) -> {
            String got = actual.get(key);
            if (got != null) {
                out.put(key, want.contains("services") ? got : got.substring(0, got.indexOf(" services")));
            }
        });
        return out;
    }

    private static String yuan(String billions) {
        return new BigDecimal(billions).movePointRight(9).setScale(2).toPlainString();
    }
}
