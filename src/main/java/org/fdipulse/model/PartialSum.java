package org.fdipulse.model;

import java.math.BigDecimal;

/**
 * A partial sum of the local–global aggregation ({@code topology/LocalScopeSums}): the combined change of one scope's
 * figures in one sector and quarter, for one kind of capital (investor type and green flag, R8), over every ledger
 * change a ledger task saw in one publication interval: the sum of the converted
 * amounts that entered minus those that left, the number of counted investments that entered minus those that left,
 * and the newest input timestamp behind it. A sum of zeros still says "this sector cell was touched": a cell whose
 * only investment came and went in one interval exists, with zeros (R4), as it would had the two changes come in
 * different intervals.
 */
public record PartialSum(String sector, String quarter, String investorType, boolean green, BigDecimal amount,
                         int investments, long newestInput) {

    public PartialSum plus(PartialSum other) {
        return new PartialSum(sector, quarter, investorType, green, amount.add(other.amount),
                investments + other.investments, Math.max(newestInput, other.newestInput));
    }
}
