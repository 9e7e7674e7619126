package org.fdipulse.reference;

/**
 * Input strings as the contract reads them: city, sector and currency are trimmed and case-insensitive. Only the
 * ASCII letters change case: the codes are ASCII, and a full Unicode mapping would let {@code ı} pass as sector
 * {@code I} or {@code ß} grow into {@code SS}.
 */
public final class Normalized {

    private Normalized() {
    }

    public static String city(String input) {
        return asciiCase(input.trim(), false);
    }

    public static String sector(String input) {
        return asciiCase(input.trim(), true);
    }

    public static String currency(String input) {
        return asciiCase(input.trim(), true);
    }

    /** Whether a normalised currency is an ISO 4217 alpha-3 code: three letters A-Z. */
    public static boolean isCurrencyCode(String normalized) {
        return normalized.length() == 3 && normalized.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    private static String asciiCase(String s, boolean upper) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (upper && c >= 'a' && c <= 'z') {
                chars[i] = (char) (c - 'a' + 'A');
            } else if (!upper && c >= 'A' && c <= 'Z') {
                chars[i] = (char) (c - 'A' + 'a');
            }
        }
        return new String(chars);
    }
}
