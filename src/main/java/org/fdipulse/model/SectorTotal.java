package org.fdipulse.model;

import java.math.BigDecimal;

/** The counted investment of one city, sector and quarter: the exact sum of converted amounts, and how many. */
public record SectorTotal(BigDecimal amount, int investments) {

    public static SectorTotal empty() {
        return new SectorTotal(BigDecimal.ZERO.setScale(2), 0);
    }

    public SectorTotal plus(AcceptedInvestment investment) {
        return new SectorTotal(amount.add(investment.amount()), investments + 1);
    }

    public SectorTotal minus(AcceptedInvestment investment) {
        return new SectorTotal(amount.subtract(investment.amount()), investments - 1);
    }
}
