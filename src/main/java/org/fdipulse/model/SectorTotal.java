package org.fdipulse.model;

import java.math.BigDecimal;

/** The counted investment of one city, sector and quarter: the exact sum of converted amounts, and how many. */
public record SectorTotal(BigDecimal amount, int investments) {

    public static SectorTotal empty() {
        return new SectorTotal(BigDecimal.ZERO.setScale(2), 0);
    }

    public SectorTotal plus(PartialSum delta) {
        return new SectorTotal(amount.add(delta.amount()), investments + delta.investments());
    }
}
