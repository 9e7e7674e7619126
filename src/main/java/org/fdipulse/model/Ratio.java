package org.fdipulse.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The ratios the contract publishes: rounded half-even to 4 decimals, null when the denominator is zero. */
public final class Ratio {

    public static final int SCALE = 4;

    private Ratio() {
    }

    public static BigDecimal of(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.divide(whole, SCALE, RoundingMode.HALF_EVEN);
    }

    public static BigDecimal of(long part, long whole) {
        return of(BigDecimal.valueOf(part), BigDecimal.valueOf(whole));
    }
}
