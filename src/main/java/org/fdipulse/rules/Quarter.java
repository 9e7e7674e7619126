package org.fdipulse.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Pattern;

/**
 * R1: an event belongs to the calendar quarter of its instant in the Asia/Shanghai time zone, written
 * {@code YYYY-Qn}. So {@code 2025-03-31T16:30:00Z} (00:30 on 1 April in Shanghai) is {@code 2025-Q2}.
 */
public record Quarter(int year, int number) implements Comparable<Quarter> {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Compiled once: the rollups parse a quarter for every figure they publish. */
    private static final Pattern TEXT = Pattern.compile("-?\\d+-Q[1-4]");

    public Quarter {
        if (number < 1 || number > 4) {
            throw new IllegalArgumentException("quarter number " + number + " is not 1-4");
        }
    }

    /** The quarter containing an instant, as seen on the wall clocks of Shanghai. */
    public static Quarter containing(Instant instant) {
        ZonedDateTime local = instant.atZone(ZONE);
        return new Quarter(local.getYear(), (local.getMonthValue() - 1) / 3 + 1);
    }

    /** Parses {@code YYYY-Qn} (and the rare year outside 0000-9999 that {@link #toString()} writes). */
    public static Quarter parse(String text) {
        if (text == null || !TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("quarter '" + text + "' is not of the form YYYY-Qn, e.g. 2025-Q1");
        }
        int dash = text.lastIndexOf("-Q");
        return new Quarter(Integer.parseInt(text.substring(0, dash)), text.charAt(dash + 2) - '0');
    }

    /** The quarter {@code n} quarters later (earlier when negative). */
    public Quarter plus(int n) {
        long index = index() + n;
        return new Quarter((int) Math.floorDiv(index, 4), (int) Math.floorMod(index, 4) + 1);
    }

    /** How many quarters this one is after {@code earlier} (negative when before it). */
    public int minus(Quarter earlier) {
        return Math.toIntExact(index() - earlier.index());
    }

    /** Time order, whatever the number of digits of the years. */
    @Override
    public int compareTo(Quarter other) {
        return Long.compare(index(), other.index());
    }

    private long index() {
        return year * 4L + (number - 1);
    }

    @Override
    public String toString() {
        return year + "-Q" + number;
    }
}
