package org.fdipulse.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigDecimal;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.fdipulse.model.SectorTotal;
import org.fdipulse.serde.InternalSerdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store is a real in-memory store with the rollup's serde: every read of it decodes a new instance. So a value
 * the cache returns as the very instance that was put, or as it was before the store was changed behind the cache,
 * was served from memory; one that follows the store was read through.
 */
@DisplayName("DecodedCache: writes through to the store, reads decoded values from memory, bounded LRU")
class DecodedCacheTest {

    private static final SectorTotal TEN = new SectorTotal(new BigDecimal("10.00"), 1);
    private static final SectorTotal TWENTY = new SectorTotal(new BigDecimal("20.00"), 2);
    private static final SectorTotal THIRTY = new SectorTotal(new BigDecimal("30.00"), 3);
    private static final SectorTotal CHANGED = new SectorTotal(new BigDecimal("99.99"), 9);

    private MockStores stores;
    private KeyValueStore<String, SectorTotal> store;

    @BeforeEach
    void store() {
        stores = new MockStores(new MockProcessorContext<>());
        store = stores.add(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("decoded"), Serdes.String(),
                InternalSerdes.SECTOR_TOTAL));
    }

    @AfterEach
    void closeStore() {
        stores.close();
    }

    @Test
    @DisplayName("a value put is in the store, and read back from memory without the store")
    void putWritesThroughAndReadsFromMemory() {
        DecodedCache<SectorTotal> cache = new DecodedCache<>(store, 16);

        cache.put("beijing|2025-Q1|K", TEN);

        SectorTotal stored = store.get("beijing|2025-Q1|K");
        assertEquals(new SectorTotal(new BigDecimal("10.00"), 1), stored, "in the store");
        assertNotSame(TEN, stored, "the store decodes a new instance");
        assertSame(TEN, cache.get("beijing|2025-Q1|K"), "the cache returns the instance put, not decoded again");

        store.put("beijing|2025-Q1|K", CHANGED); // behind the cache
        assertSame(TEN, cache.get("beijing|2025-Q1|K"), "served from memory");
    }

    @Test
    @DisplayName("beyond its capacity, the least recently used value leaves memory and is read from the store again")
    void evictsLeastRecentlyUsed() {
        DecodedCache<SectorTotal> cache = new DecodedCache<>(store, 2);
        cache.put("a", TEN);
        cache.put("b", TWENTY);
        assertSame(TEN, cache.get("a")); // now b is the least recently used
        cache.put("c", THIRTY);          // a third value: b leaves memory

        store.put("a", CHANGED);
        store.put("b", CHANGED);
        store.put("c", CHANGED);

        assertSame(TEN, cache.get("a"), "a, recently used, still in memory");
        assertSame(THIRTY, cache.get("c"), "c, just put, still in memory");
        assertEquals(new SectorTotal(new BigDecimal("99.99"), 9), cache.get("b"), "b evicted: read from the store");
    }

    @Test
    @DisplayName("a miss reads through to the store and keeps what it read; an absent key is not kept")
    void missReadsThrough() {
        DecodedCache<SectorTotal> cache = new DecodedCache<>(store, 16);
        store.put("restored", TWENTY); // as a store restored from its changelog holds it

        SectorTotal read = cache.get("restored");
        assertEquals(new SectorTotal(new BigDecimal("20.00"), 2), read, "read through");
        store.put("restored", CHANGED);
        assertSame(read, cache.get("restored"), "kept in memory after the miss");

        assertNull(cache.get("absent"));
        store.put("absent", THIRTY);
        assertEquals(new SectorTotal(new BigDecimal("30.00"), 3), cache.get("absent"), "an absence is not kept");
    }
}
