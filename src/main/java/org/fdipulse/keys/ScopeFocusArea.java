package org.fdipulse.keys;

/** {@code scope|focusArea}: the key of {@code pilot.progress}; the focus area {@code ALL} is the scope's overall figure. */
public record ScopeFocusArea(String scope, String focusArea) {

    public String encode() {
        return KeyFormat.join(scope, focusArea);
    }

    public static ScopeFocusArea decode(String key) {
        return KeyFormat.decode(key, "scope|focusArea", parts -> new ScopeFocusArea(parts[0], parts[1]));
    }
}
