package org.fdipulse.keys;

/**
 * {@code scope|quarter}: the key of {@code fdi.services-share} and {@code fdi.capital-mix}, and of a scope's quarter in
 * the rollup's stores.
 */
public record ScopeQuarter(String scope, String quarter) {

    public String encode() {
        return KeyFormat.join(scope, quarter);
    }

    public static ScopeQuarter decode(String key) {
        return KeyFormat.decode(key, "scope|quarter", parts -> new ScopeQuarter(parts[0], parts[1]));
    }
}
