package org.fdipulse.model;

/** {@link QuarterTotals} with the scope (a city, or ALL) and quarter they belong to. */
public record ScopedQuarterTotals(String scope, String quarter, QuarterTotals totals) {
}
