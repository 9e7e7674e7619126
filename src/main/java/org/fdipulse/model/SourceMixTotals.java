package org.fdipulse.model;

import java.math.BigDecimal;
import java.util.Map;
import java.util.HashMap;
import java.util.List;

/**
 * The counted investment of one scope in one quarter by source (R11), in the reporting currency: the amount of each
 * economy ({@link #UNSPECIFIED} for events without one) and of each group, by membership at each event's date. Only
 * non-zero amounts are kept: the output lists an economy only where it has one, and a group's zero needs no row.
 */
public record SourceMixTotals(Map<String, BigDecimal> byEconomy, Map<String, BigDecimal> byGroup) {

    /** The economy of an event that names none (every v1 and v2 event). No ISO 3166-1 code has more than 2 letters. */
    public static final String UNSPECIFIED = "UNSPECIFIED";
    public static final SourceMixTotals EMPTY = new SourceMixTotals(Map.of(), Map.of());

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    public SourceMixTotals {
        byEconomy = Map.copyOf(byEconomy);
        byGroup = Map.copyOf(byGroup);
    }

    /** These totals with every sum of one delta added: the maps are copied once for all of them. */
    public SourceMixTotals plus(List<SourceSum> sums) {
        Map<String, BigDecimal> economies = new HashMap<>(byEconomy);
        Map<String, BigDecimal> groups = new HashMap<>(byGroup);
        for (SourceSum sum : sums) {
            add(economies, sum.economy(), sum.amount());
            sum.groups().forEach(group -> add(groups, group, sum.amount()));
        }
        return new SourceMixTotals(economies, groups);
    }

    public SourceMixTotals plus(SourceMixTotals other) {
        Map<String, BigDecimal> economies = new HashMap<>(byEconomy);
        other.byEconomy.forEach((economy, amount) -> add(economies, economy, amount));
        Map<String, BigDecimal> groups = new HashMap<>(byGroup);
        other.byGroup.forEach((group, amount) -> add(groups, group, amount));
        return new SourceMixTotals(economies, groups);
    }

    public BigDecimal economy(String code) {
        return byEconomy.getOrDefault(code, ZERO);
    }

    public BigDecimal group(String group) {
        return byGroup.getOrDefault(group, ZERO);
    }

    /** Every amount counted, specified or not: the quarter's R4 total. */
    public BigDecimal total() {
        return byEconomy.values().stream().reduce(ZERO, BigDecimal::add);
    }

    private static void add(Map<String, BigDecimal> amounts, String key, BigDecimal amount) {
        BigDecimal sum = amounts.getOrDefault(key, ZERO).add(amount);
        if (sum.signum() == 0) {
            amounts.remove(key);
        } else {
            amounts.put(key, sum);
        }
    }
}
