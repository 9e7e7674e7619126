package org.fdipulse.model;

import java.util.List;

/**
 * Everything one ledger task's interval changed in one scope's quarter, sent as one record to the scope's rollup:
 * the combined {@link CellDelta} of every sector and kind of capital touched, in key order. One record per scope and
 * quarter, not per cell, because the rollup then reads and writes the quarter's totals and capital mix once for the
 * whole interval, and the repartition topic carries a record per quarter touched instead of one per cell: with the
 * capital mix (R8) a quarter has up to 20 sectors × 14 kinds of capital, and at 20,000 events/s a ledger task touched
 * few of them twice in 100 ms, so cell records barely combined (1.17 per input, docs/performance.md, change 13).
 */
public record QuarterDelta(String quarter, List<CellDelta> cells) {

    public QuarterDelta {
        cells = List.copyOf(cells);
    }

    /** The newest input timestamp behind any of its cells: the timestamp of the record. */
    public long newestInput() {
        long newest = Long.MIN_VALUE;
        for (CellDelta cell : cells) {
            newest = Math.max(newest, cell.newestInput());
        }
        return newest;
    }
}
