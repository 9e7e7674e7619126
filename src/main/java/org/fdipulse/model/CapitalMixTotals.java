package org.fdipulse.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counted investment of one scope in one quarter by kind of capital (R8), in the reporting currency: the amount
 * per investor type (all seven always present: totals start from {@link #empty()}), and the amounts that were green and that were targeted investors' green investment. The total
 * is the sum over investor types, so it always equals the quarter's R4 total.
 */
public record CapitalMixTotals(Map<String, BigDecimal> byInvestorType, BigDecimal green, BigDecimal targetedGreen) {

    /** The investor type of an event that names none (every v1 event). */
    public static final String UNSPECIFIED = "UNSPECIFIED";
    /** The seven keys of {@code byInvestorType}, always all present: the schema's symbols, then UNSPECIFIED. */
    public static final List<String> INVESTOR_TYPES = List.of("CORPORATE", "INSURANCE", "SOVEREIGN_FUND",
            "PENSION_FUND", "PRIVATE_EQUITY", "OTHER", UNSPECIFIED);
    /** The capital the programme courts: foreign insurance firms, sovereign funds and pension funds. */
    public static final List<String> TARGETED = List.of("INSURANCE", "SOVEREIGN_FUND", "PENSION_FUND");

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    public CapitalMixTotals {
        byInvestorType = Map.copyOf(byInvestorType);
    }

    public static CapitalMixTotals empty() {
        Map<String, BigDecimal> zeros = new TreeMap<>();
        INVESTOR_TYPES.forEach(type -> zeros.put(type, ZERO));
        return new CapitalMixTotals(zeros, ZERO, ZERO);
    }

    public static boolean isTargeted(String investorType) {
        return TARGETED.contains(investorType);
    }

    public CapitalMixTotals plus(PartialSum delta) {
        Map<String, BigDecimal> amounts = new TreeMap<>(byInvestorType);
        amounts.merge(delta.investorType(), delta.amount(), BigDecimal::add);
        return new CapitalMixTotals(amounts,
                delta.green() ? green.add(delta.amount()) : green,
                delta.green() && isTargeted(delta.investorType()) ? targetedGreen.add(delta.amount()) : targetedGreen);
    }

    public BigDecimal total() {
        return byInvestorType.values().stream().reduce(ZERO, BigDecimal::add);
    }

    public BigDecimal targetedInvestors() {
        return TARGETED.stream().map(type -> byInvestorType.getOrDefault(type, ZERO)).reduce(ZERO, BigDecimal::add);
    }
}
