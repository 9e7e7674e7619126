package org.fdipulse.rules;

import java.math.BigDecimal;

/**
 * The digits a decimal of the schemas may have. Avro writes a decimal's unscaled value as bytes of any length, so a
 * hostile producer can send an amount or a rate of thousands of digits; the schemas declare precision 38, and R6 (v2)
 * rejects what exceeds it. The check is cheap whatever the size: a value of 128 bits or more has 39 digits at least,
 * so {@link BigDecimal#precision()} (which divides by powers of ten) only runs on values of 127 bits or fewer.
 */
public final class Decimals {

    /** The precision of every decimal in the schemas. */
    public static final int MAX_DIGITS = 38;

    /** 10^38 > 2^126, so any value of at least 2^127 (bit length 128) has more than 38 digits. */
    private static final int MAX_BITS_OF_38_DIGITS = 127;

    private Decimals() {
    }

    /** Whether the unscaled value (at the scale the decimal carries, the schema's) has at most 38 digits. */
    public static boolean fitsSchema(BigDecimal value) {
        return value.unscaledValue().bitLength() <= MAX_BITS_OF_38_DIGITS && value.precision() <= MAX_DIGITS;
    }

    /** "41 digits" or, for a value too long to count cheaply, its size in bits. */
    static String describeDigits(BigDecimal value) {
        int bits = value.unscaledValue().bitLength();
        return bits <= 4096 ? value.precision() + " digits" : "about " + (int) (bits * 0.30103) + " digits";
    }
}
