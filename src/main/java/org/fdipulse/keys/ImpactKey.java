package org.fdipulse.keys;

/**
 * The key of an estimate on {@code fdi.programme-impact} (R10): {@code cell|g|t} for a cell ATT(g,t), {@code event|e}
 * for an event-time estimate, {@code overall}.
 */
public record ImpactKey(String encoded) {

    public static ImpactKey cell(String cohort, String quarter) {
        return new ImpactKey(KeyFormat.join("cell", cohort, quarter));
    }

    public static ImpactKey eventTime(int eventTime) {
        return new ImpactKey(KeyFormat.join("event", String.valueOf(eventTime)));
    }

    public static ImpactKey overall() {
        return new ImpactKey("overall");
    }

    public String encode() {
        return encoded;
    }
}
