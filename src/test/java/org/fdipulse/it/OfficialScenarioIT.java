package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.generate.Scenario;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.Describe;
import org.fdipulse.testing.JsonLines;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * MOFCOM's published figures (contract section 1) from the official scenario, on a real broker, and (R11) MOFCOM's
 * published 2025 growth of FDI from Switzerland, the United Arab Emirates and the United Kingdom.
 */
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

    /**
     * contract section 6, R7: the year-on-year changes of the national year to date, as the job must round them:
     * quarter → total, services. Totals are MOFCOM's published changes (-10.8%, -15.2%, -10.4%, -9.5%), and so are
     * services in Q3 and Q4 (-7.9%, -6.8%); services in Q1 and Q2 compare with the scenario's split of 2024's
     * unpublished half-year services (193.33 / 210.09 - 1 and 305.87 / 347.45 - 1).
     */
    private static final Map<String, String> PUBLISHED_YOY = new TreeMap<>(Map.of(
            "2025-Q1", "-0.1075 -0.0798",
            "2025-Q2", "-0.1517 -0.1197",
            "2025-Q3", "-0.1044 -0.0789",
            "2025-Q4", "-0.0951 -0.0675"));

    @Test
    @DisplayName("in CNY every national year-to-date figure equals the table to the yuan and 2025 growth from CH, AE and GB"
            + " is MOFCOM's; in USD 2025-Q1 is US$36.94 billion")
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

            // R7: the published year-on-year changes of the national year to date
            Map<String, String> yoy = d.awaitTopic(d.outputTopic("services-share", "CNY"),
                    v -> v.get("ytd").get("totalYoy").decimalValue().toPlainString() + " "
                            + v.get("ytd").get("servicesYoy").decimalValue().toPlainString(),
                    actual -> PUBLISHED_YOY.keySet().stream().allMatch(q -> actual.containsKey("ALL|" + q)), cny);
            PUBLISHED_YOY.forEach((quarter, want) -> assertEquals(want, yoy.get("ALL|" + quarter),
                    "ALL " + quarter + " ytd totalYoy and servicesYoy"));
            // R9: the year to date fell more than 10% in 2025-Q1..Q3, and 9.5% by Q4: firing, then resolved or never fired
            // (an alert's value is the figure of the moment it changed state, mid-quarter here: the state is the point)
            Map<String, String> alerts = d.awaitTopic(d.outputTopic("alerts", "CNY"), v -> v.get("state").asText(),
                    actual -> actual.containsKey("ytd-yoy-below|ALL|2025-Q3"), cny);
            assertEquals("FIRING", alerts.get("ytd-yoy-below|ALL|2025-Q1"));
            assertEquals("FIRING", alerts.get("ytd-yoy-below|ALL|2025-Q2"));
            assertEquals("FIRING", alerts.get("ytd-yoy-below|ALL|2025-Q3"));
            String q4 = alerts.get("ytd-yoy-below|ALL|2025-Q4");
            assertTrue(q4 == null || q4.equals("RESOLVED"), "2025-Q4's ytd fell 9.5%: not below -10%: " + q4);

            // R8: the capital mix of the scenario's documented investor types and green flags, nationwide, as an
            // independent restatement of the rules computes it from the same file
            ContractModel model = new ContractModel("CNY");
            JsonLines.read(dir.resolve(Scenario.RATES_FILE), FxRate::new).forEach(model::rate);
            JsonLines.read(dir.resolve(Scenario.INVESTMENTS_FILE), InvestmentEvent::new).forEach(model::investment);
            Map<String, String> mix = new TreeMap<>(model.capitalMix());
            mix.keySet().removeIf(key -> !key.startsWith("ALL|"));
            Map<String, String> actualMix = d.awaitTopic(d.outputTopic("capital-mix", "CNY"), Describe::capitalMixJson,
                    actual -> mix.keySet().stream().allMatch(k -> mix.get(k).equals(actual.get(k))), cny);
            actualMix.keySet().removeIf(key -> !key.startsWith("ALL|"));
            assertEquals(mix, actualMix, "ALL capital mix in CNY");

            // R11: MOFCOM's published 2025 growth of FDI from Switzerland (+66.8%), the United Arab Emirates (+27.3%)
            // and the United Kingdom (+15.9%) in ALL 2025-Q4's year to date, on the scenario's illustrative levels
            // (economy=amount/ytd/ytdYoy, yuan), in a quarter whose total is still MOFCOM's
            String published = "total 173940000000.00 CH=2340000000.00/8340000000.00/0.6680"
                    + " AE=1069000000.00/3819000000.00/0.2730 GB=2372000000.00/9272000000.00/0.1590";
            Map<String, String> growth = d.awaitTopic(d.outputTopic("source-mix", "CNY"),
                    OfficialScenarioIT::pinnedSources, actual -> published.equals(actual.get("ALL|2025-Q4")), cny);
            assertEquals(published, growth.get("ALL|2025-Q4"), "ALL|2025-Q4 source mix in CNY: CH, AE and GB");
            // and every source-mix record, cities and groups included, as the independent restatement computes it
            Map<String, String> sources = model.sourceMix();
            assertEquals(sources, d.awaitTopic(d.outputTopic("source-mix", "CNY"), Describe::sourceMixJson,
                    sources::equals, cny), "every source-mix record in CNY");

            Map<String, String> q1 = d.awaitTopic(d.outputTopic("services-share", "USD"), v -> v.get("total").asText(),
                    actual -> actual.containsKey("ALL|2025-Q1") && actual.containsKey("ALL|2025-Q4"), usd);
            BigDecimal total = new BigDecimal(q1.get("ALL|2025-Q1"));
            assertEquals(new BigDecimal("36940000000"), total.divide(new BigDecimal("1E7"), 0, RoundingMode.HALF_EVEN)
                    .multiply(new BigDecimal("1E7")).setScale(0), "ALL|2025-Q1 in USD, to 10 million: " + total);
            cny.assertStopsCleanly();
            usd.assertStopsCleanly();
        }
    }

    /**
     * A source-mix record's total, and amount/ytd/ytdYoy of CH, AE and GB; ytdYoy to its 4 decimals, as the job writes
     * it (the test's JSON reader drops trailing zeros).
     */
    private static String pinnedSources(JsonNode v) {
        StringBuilder text = new StringBuilder("total " + v.get("total").asText());
        for (String economy : new String[] {"CH", "AE", "GB"}) {
            JsonNode e = v.get("byEconomy").get(economy);
            text.append(' ').append(economy).append('=').append(e == null ? "absent"
                    : e.get("amount").asText() + "/" + e.get("ytd").asText() + "/"
                    + (e.get("ytdYoy").isNull() ? "null" : e.get("ytdYoy").decimalValue().setScale(4).toPlainString()));
        }
        return text.toString();
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
