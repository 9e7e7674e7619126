package org.fdipulse.rules;

import java.util.Locale;

/** Input strings as the contract reads them: city, sector and currency are trimmed and case-insensitive. */
public final class Normalized {

    private Normalized() {
    }

    public static String city(String input) {
        return input.trim().toLowerCase(Locale.ROOT);
    }

    public static String sector(String input) {
        return input.trim().toUpperCase(Locale.ROOT);
    }

    public static String currency(String input) {
        return input.trim().toUpperCase(Locale.ROOT);
    }
}
