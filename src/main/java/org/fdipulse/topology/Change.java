package org.fdipulse.topology;

/**
 * What a ledger (R3, R5) did with one record that won, as Kafka Streams' own {@code Change} says it of a table: the
 * value in force now and the one it replaced (null for a new key). Downstream, the old value is retracted and the new
 * one added.
 */
record Change<V>(V newValue, V oldValue) {
}
