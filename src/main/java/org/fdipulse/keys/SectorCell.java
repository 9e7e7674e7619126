package org.fdipulse.keys;

/**
 * A sector cell: one city's investments in one sector and quarter. Written two ways: {@link #encode()}
 * {@code city|sector|quarter}, the key of {@code fdi.sector-summary}, and {@link #storeKey()} {@code city|quarter|sector}
 * in the rollup's store, quarter before sector so that one prefix scan ({@link #storePrefix}) finds every sector of a
 * city's quarter, the question {@code /api/v1/investments/{city}/{quarter}} asks.
 */
public record SectorCell(String city, String sector, String quarter) {

    public String encode() {
        return KeyFormat.join(city, sector, quarter);
    }

    public static SectorCell decode(String key) {
        return KeyFormat.decode(key, "city|sector|quarter", parts -> new SectorCell(parts[0], parts[1], parts[2]));
    }

    public String storeKey() {
        return KeyFormat.join(city, quarter, sector);
    }

    public static SectorCell fromStoreKey(String key) {
        return KeyFormat.decode(key, "city|quarter|sector", parts -> new SectorCell(parts[0], parts[2], parts[1]));
    }

    /** What the store keys of a city's cells in one quarter start with. */
    public static String storePrefix(String city, String quarter) {
        return KeyFormat.prefix(city, quarter);
    }
}
