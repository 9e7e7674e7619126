package org.fdipulse.config;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Where the job keeps its state ({@code fdi.state.stores}). RocksDB, the default, keeps state on disk and restores
 * little after a restart. In-memory stores are faster per record but hold all state on the heap and rebuild it from
 * the changelog topics at every start: fit for small states, tests and the benchmark's topology-alone measure.
 */
public enum StateStoreType {
    ROCKSDB, IN_MEMORY;

    public static final String PROPERTY = "fdi.state.stores";
    static final long TRANSIENT_SEGMENT_MS = 10 * 60 * 1000;

    public static StateStoreType from(String value) {
        String v = value == null ? "rocksdb" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "rocksdb" -> ROCKSDB;
            case "in-memory", "in_memory" -> IN_MEMORY;
            default -> throw new IllegalArgumentException(PROPERTY + " '" + value + "' is not a store type; set it to rocksdb or in-memory");
        };
    }

    public KeyValueBytesStoreSupplier keyValue(String name) {
        return this == IN_MEMORY ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }

    /**
     * A store for state that lives from one publication to the next (the partial sums, the pending marks): in memory
     * whatever {@value #PROPERTY} says, behind the record cache, changelogged. Every key is written and deleted
     * within an interval, so a task holds a few hundred at most, and RocksDB's write and tombstone per key at each
     * commit bought nothing (docs/performance.md, change 15). An in-memory store replays its whole changelog when
     * its task starts, so the changelog rolls a segment every {@value #TRANSIENT_SEGMENT_MS} ms and keeps
     * tombstones that long after compaction: the replay reads minutes of records, not the job's whole history.
     */
    public <V> StoreBuilder<KeyValueStore<String, V>> transientCached(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), valueSerde)
                .withCachingEnabled()
                .withLoggingEnabled(Map.of(TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(TRANSIENT_SEGMENT_MS),
                        TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(TRANSIENT_SEGMENT_MS)));
    }

    /** A store keyed by String, behind Kafka Streams' record cache (writes folded until commit). */
    public <V> StoreBuilder<KeyValueStore<String, V>> cached(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(keyValue(name), Serdes.String(), valueSerde).withCachingEnabled();
    }
}
