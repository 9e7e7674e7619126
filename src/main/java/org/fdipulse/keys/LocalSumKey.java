package org.fdipulse.keys;

import java.util.List;

/**
 * {@code city|sector|quarter|investorType|green|economy|group,group}: a ledger task's local sum of one city's sector
 * cell, kind of capital (R8) and source economy in the groups it was in on the events' dates (R11), before it is sent.
 * The city comes first, so {@link Scope#of} reads it back from a restored store key.
 */
public record LocalSumKey(String city, String sector, String quarter, String investorType, boolean green, String economy,
                          List<String> groups) {

    public String encode() {
        return KeyFormat.join(city, sector, quarter, investorType, String.valueOf(green), economy, String.join(",", groups));
    }
}
