package org.fdipulse.keys;

import java.util.function.Function;

/**
 * How every composite key of the contract (docs/contract.md, section 2) and of the job's stores is written: its parts
 * joined by {@code |}. Each key is a small value type of this package with one way to write it and, where a key is
 * read back, one way to read it: nothing else in the job builds or takes apart a key. Parts are codes as the job
 * normalises them (city lower case, sector and currency upper case, quarters {@code YYYY-Qn}); none of them but a
 * measureId can hold a {@code |}.
 */
public final class KeyFormat {

    public static final char SEPARATOR = '|';

    private KeyFormat() {
    }

    static String join(String... parts) {
        return String.join(String.valueOf(SEPARATOR), parts);
    }

    /**
     * The key type built from the parts of {@code key}, which must have as many as {@code format} names; else an
     * {@link IllegalArgumentException} naming the key and the format: a key of another shape read as this one would
     * mean something else.
     */
    static <K> K decode(String key, String format, Function<String[], K> fromParts) {
        String[] parts = key.split("\\|", -1);
        if (parts.length != format.split("\\|").length) {
            throw new IllegalArgumentException("key '" + key + "' is not of the form " + format);
        }
        return fromParts.apply(parts);
    }

    /**
     * The parts joined and followed by {@code |}: what every key that begins with them starts with, for a prefix scan
     * ({@code scope|} finds a scope's records, {@code city|quarter|} a city's sector cells of one quarter). The
     * separator at the end keeps a scan for one city from finding the records of another whose code starts with it.
     */
    public static String prefix(String... parts) {
        return join(parts) + SEPARATOR;
    }
}
