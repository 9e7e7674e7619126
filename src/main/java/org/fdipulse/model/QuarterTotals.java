package org.fdipulse.model;

import java.math.BigDecimal;

/** Services and total investment of one scope in one quarter (R4), in the reporting currency. */
public record QuarterTotals(BigDecimal services, BigDecimal total) {

    public static final QuarterTotals ZERO = new QuarterTotals(BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2));

    public QuarterTotals plus(BigDecimal amount, boolean isServices) {
        return new QuarterTotals(isServices ? services.add(amount) : services, total.add(amount));
    }

    public QuarterTotals plus(QuarterTotals other) {
        return new QuarterTotals(services.add(other.services), total.add(other.total));
    }
}
