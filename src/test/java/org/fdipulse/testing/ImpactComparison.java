package org.fdipulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The job's R10 estimates (each in its JSON shape) against {@link ContractModel#programmeImpact()}: the same keys;
 * estimate, SE and bounds within 0.0001 (the model's are unrounded; the contract rounds to 4 decimals, which consumers
 * compare to ±0.0001); sizes, base quarter and event time exactly. Each difference is named.
 */
public final class ImpactComparison {

    private static final BigDecimal TOLERANCE = new BigDecimal("0.0001");
    private static final String[] FIGURES = {"estimate", "standardError", "low", "high"};

    private ImpactComparison() {
    }

    public static List<String> differences(Map<String, double[]> expected, Map<String, JsonNode> actual, String currency) {
        List<String> wrong = new ArrayList<>();
        if (!expected.keySet().equals(actual.keySet())) {
            TreeSet<String> missing = new TreeSet<>(expected.keySet());
            missing.removeAll(actual.keySet());
            TreeSet<String> extra = new TreeSet<>(actual.keySet());
            extra.removeAll(expected.keySet());
            wrong.add("keys missing " + missing + ", not expected " + extra);
            return wrong;
        }
        expected.forEach((key, e) -> {
            JsonNode a = actual.get(key);
            for (int i = 0; i < FIGURES.length; i++) {
                BigDecimal figure = a.get(FIGURES[i]).decimalValue();
                if (figure.subtract(BigDecimal.valueOf(e[i])).abs().compareTo(TOLERANCE) > 0) {
                    wrong.add(key + " " + FIGURES[i] + ": " + figure + " against " + e[i]);
                }
            }
            String sizes = a.get("treatedCities").asText() + "/" + a.get("controlCities").asText() + "/" + a.get("cohorts").asText();
            String expectedSizes = (int) e[4] + "/" + (e[5] < 0 ? "null" : String.valueOf((int) e[5])) + "/" + (int) e[6];
            if (!sizes.equals(expectedSizes)) {
                wrong.add(key + " sizes " + sizes + " against " + expectedSizes);
            }
            String eventTime = e[8] == Integer.MIN_VALUE ? "null" : String.valueOf((int) e[8]);
            if (!a.get("eventTime").asText().equals(eventTime)) {
                wrong.add(key + " event time " + a.get("eventTime") + " against " + eventTime);
            }
            String base = e[7] < 0 ? "null" : ContractModel.quarterText((int) e[7]);
            if (!a.get("baseQuarter").asText().equals(base)) {
                wrong.add(key + " base " + a.get("baseQuarter") + " against " + base);
            }
            if (!currency.equals(a.get("currency").asText()) || !"ln(1+services/1e6)".equals(a.get("outcome").asText())) {
                wrong.add(key + " currency or outcome: " + a);
            }
        });
        return wrong;
    }
}
