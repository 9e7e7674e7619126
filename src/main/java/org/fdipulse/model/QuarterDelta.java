package org.fdipulse.model;

import java.util.List;

/**
 * Everything one ledger task's interval changed in one scope's quarter, sent as one record to the scope's rollup:
 * the {@link PartialSum} of every sector and kind of capital touched, and the {@link SourceSum} of every source (R11),
 * each in key order. One record per scope and
 * quarter, not per partial sum, because the rollup then reads and writes the quarter's totals and capital mix once for the
 * whole interval, and the repartition topic carries a record per quarter touched instead of one per cell: with the
 * capital mix (R8) a quarter has up to 20 sectors × 14 kinds of capital, and at 20,000 events/s a ledger task touched
 * few of them twice in 100 ms, so per-cell records barely combined (1.17 per input, docs/performance.md, change 13).
 */
public record QuarterDelta(String quarter, List<PartialSum> sums, List<SourceSum> sources) {

    public QuarterDelta {
        sums = List.copyOf(sums);
        sources = List.copyOf(sources);
    }

    /** The newest input timestamp behind any of its sums: the timestamp of the record. */
    public long newestInput() {
        long newest = Long.MIN_VALUE;
        for (PartialSum sum : sums) {
            newest = Math.max(newest, sum.newestInput());
        }
        for (SourceSum source : sources) {
            newest = Math.max(newest, source.newestInput());
        }
        return newest;
    }
}
