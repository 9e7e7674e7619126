package org.fdipulse.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's state store with its most recently used values kept decoded in memory. Kafka Streams' record cache holds
 * bytes, so every read of a rollup's totals decoded them again: the profile put a fifth of the stream threads' time
 * in reading state (docs/performance.md, change 12). Every write still goes to the store, in the same transaction as
 * before, so the store stays the truth; the memory is only a copy of it, rebuilt empty whenever the task is
 * initialised again (after a crash or a rebalance Kafka Streams re-initialises the processor, restoring the store
 * from its changelog first). Values must be immutable: the copy and the caller share them. Bounded, so the heap
 * stays flat however many keys the store holds.
 */
final class DecodedCache<V> {

    private final KeyValueStore<String, V> store;
    private final Map<String, V> decoded;

    DecodedCache(KeyValueStore<String, V> store, int capacity) {
        this.store = store;
        this.decoded = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value, or null when the store has none (an absence is not kept: a read of a new key is rare here). */
    V get(String key) {
        V value = decoded.get(key);
        if (value == null) {
            value = store.get(key);
            if (value != null) {
                decoded.put(key, value);
            }
        }
        return value;
    }

    void put(String key, V value) {
        store.put(key, value);
        decoded.put(key, value);
    }
}
