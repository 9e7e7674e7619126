package org.fdipulse.keys;

/**
 * An alert (R9): {@link #encode()} {@code rule|scope|quarter} is the key of {@code fdi.alerts}; {@link #storeKey()}
 * {@code scope|quarter|rule} its state in the rollup's store, scope first like every key the rollups keep, so that one
 * prefix scan finds a scope's (and a quarter's) alerts.
 */
public record AlertKey(String rule, String scope, String quarter) {

    public String encode() {
        return KeyFormat.join(rule, scope, quarter);
    }

    public static AlertKey decode(String key) {
        return KeyFormat.decode(key, "rule|scope|quarter", parts -> new AlertKey(parts[0], parts[1], parts[2]));
    }

    public String storeKey() {
        return KeyFormat.join(scope, quarter, rule);
    }
}
