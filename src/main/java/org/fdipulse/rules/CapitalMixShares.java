package org.fdipulse.rules;

import java.math.BigDecimal;
import java.util.Map;
import org.fdipulse.model.CapitalMixTotals;
import org.fdipulse.model.Ratio;

/**
 * R8: the capital mix of a scope and quarter — the amount of each investor type (all seven, zeros included), of green
 * investment, of the targeted investors (insurance firms, sovereign and pension funds) and of their green investment,
 * each also as a share of the total (half-even to 4 decimals, null when the total is 0).
 */
public record CapitalMixShares(BigDecimal total, Map<String, BigDecimal> byInvestorType,
                               BigDecimal green, BigDecimal greenShare,
                               BigDecimal targetedInvestors, BigDecimal targetedInvestorsShare,
                               BigDecimal targetedGreen, BigDecimal targetedGreenShare) {

    public static CapitalMixShares of(CapitalMixTotals totals) {
        BigDecimal total = totals.total();
        BigDecimal targeted = totals.targetedInvestors();
        return new CapitalMixShares(total, totals.byInvestorType(),
                totals.green(), Ratio.of(totals.green(), total),
                targeted, Ratio.of(targeted, total),
                totals.targetedGreen(), Ratio.of(totals.targetedGreen(), total));
    }
}
