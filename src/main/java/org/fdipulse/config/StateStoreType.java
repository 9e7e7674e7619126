package org.fdipulse.config;

import java.util.Locale;
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

    /** A store keyed by String, behind Kafka Streams' record cache (writes folded until commit). */
    public <V> StoreBuilder<KeyValueStore<String, V>> cached(String name, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(keyValue(name), Serdes.String(), valueSerde).withCachingEnabled();
    }
}
