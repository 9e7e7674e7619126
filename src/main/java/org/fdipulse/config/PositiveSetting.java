package org.fdipulse.config;

import java.util.Optional;

/**
 * The one parse of a setting that must be a whole number from 1, so that every such setting a careless operator
 * gets wrong is refused the same way: before anything starts, with an error that names the setting, the value and
 * the fix.
 */
public final class PositiveSetting {

    private PositiveSetting() {
    }

    /**
     * @param value  the setting's value (trimmed here), or null when unset
     * @param mustBe what the value must be, for the error: "a positive whole number of megabytes"
     * @param fix    what to do instead, for the error, or null
     * @return the value, or empty when unset
     * @throws IllegalArgumentException {@code NAME 'VALUE' is not MUST-BE; FIX} when it is not a whole number from 1 to max
     */
    public static Optional<Long> of(String name, Object value, long max, String mustBe, String fix) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().trim();
        try {
            long parsed = Long.parseLong(text);
            if (parsed >= 1 && parsed <= max) {
                return Optional.of(parsed);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " '" + text + "' is not " + mustBe + (fix == null ? "" : "; " + fix));
    }
}
