package org.fdipulse.keys;

import java.util.List;

/**
 * {@code city|quarter|economy|group,group}: a ledger task's partial sum of one city's amount from one source economy
 * in one quarter, in the groups it was in on the events' dates (R11), before it is sent to the scope's rollup.
 * Group names are letters, digits, {@code _} and {@code -} (the groups file refuses others), so a comma separates them.
 */
public record SourceSumKey(String city, String quarter, String economy, List<String> groups) {

    public String encode() {
        return KeyFormat.join(city, quarter, economy, String.join(",", groups));
    }
}
