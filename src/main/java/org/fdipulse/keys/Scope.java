package org.fdipulse.keys;

/**
 * A scope of the figures: a city code, or {@link #ALL} for every city together (the contract's name; the docs call it
 * nothing else). Every key the rollups keep starts with its scope, so the scope is what their stores, and the
 * repartition topics that feed them, are partitioned on.
 */
public final class Scope {

    /** The scope of every city together. */
    public static final String ALL = "ALL";

    private Scope() {
    }

    public static boolean isAll(String scope) {
        return ALL.equals(scope);
    }

    /** The scope a store key starts with (the whole key if it has one part): what that key was partitioned on. */
    public static String of(String storeKey) {
        int end = storeKey.indexOf(KeyFormat.SEPARATOR);
        return end < 0 ? storeKey : storeKey.substring(0, end);
    }
}
