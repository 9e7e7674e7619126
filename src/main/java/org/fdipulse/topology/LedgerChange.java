package org.fdipulse.topology;

/**
 * What a ledger (R3, R5) did with one record that won: the value in force before it (null for a new key) and after.
 * Downstream rollups subtract {@code before} and add {@code after}.
 */
record LedgerChange<V>(V before, V after) {
}
