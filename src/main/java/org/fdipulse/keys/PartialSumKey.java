package org.fdipulse.keys;

/**
 * {@code city|sector|quarter|investorType|green}: a ledger task's partial sum of one kind of capital (R8) in one
 * city's sector and quarter, before it is sent to the scope's rollup.
 */
public record PartialSumKey(String city, String sector, String quarter, String investorType, boolean green) {

    public String encode() {
        return KeyFormat.join(city, sector, quarter, investorType, String.valueOf(green));
    }
}
