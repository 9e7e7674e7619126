package org.fdipulse.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * A partial sum of the source mix (R11) in the local–global aggregation, beside the {@link PartialSum}s: the combined
 * change of one city's amount in one quarter from one source economy, in the groups that economy was in on the events'
 * dates, over one publication interval. Kept apart from the sector partial sums because the source is a dimension of
 * its own: crossed with the sector and the kind of capital, a quarter's 280 cells would multiply by every economy seen.
 */
public record SourceSum(String quarter, String economy, List<String> groups, BigDecimal amount, long newestInput) {

    public SourceSum {
        groups = List.copyOf(groups);
    }

    public SourceSum plus(SourceSum other) {
        return new SourceSum(quarter, economy, groups, amount.add(other.amount), Math.max(newestInput, other.newestInput));
    }
}
