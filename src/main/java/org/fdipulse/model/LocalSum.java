package org.fdipulse.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a ledger task keeps per counted change until it sends ({@code topology/LocalScopeSums}): the combined change of
 * one city's sector cell, kind of capital (R8) and source economy with its groups (R11) over one publication interval.
 * One value per change holds both dimensions, so each counted change costs one store write: when sent, the sums over
 * the sources become the {@link PartialSum}s and the sums over the cells the {@link SourceSum}s, exactly as two stores
 * gave them before (docs/performance.md, change 16). As a partial sum, zeros still mean "touched".
 */
public record LocalSum(String sector, String quarter, String investorType, boolean green, String economy,
                       List<String> groups, BigDecimal amount, int investments, long newestInput) {

    public LocalSum {
        groups = List.copyOf(groups);
    }

    public LocalSum plus(LocalSum other) {
        return new LocalSum(sector, quarter, investorType, green, economy, groups, amount.add(other.amount),
                investments + other.investments, Math.max(newestInput, other.newestInput));
    }

    public PartialSum partialSum() {
        return new PartialSum(sector, quarter, investorType, green, amount, investments, newestInput);
    }

    public SourceSum sourceSum() {
        return new SourceSum(quarter, economy, groups, amount, newestInput);
    }
}
