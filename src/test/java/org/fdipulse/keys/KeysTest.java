package org.fdipulse.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The key formats as docs/contract.md section 2 writes them, spelled out here rather than built. */
@DisplayName("Keys of contract section 2")
class KeysTest {

    @Test
    @DisplayName("each format joins its parts with | in the contract's order")
    void formats() {
        assertEquals("beijing|K|2025-Q1", new SectorCell("beijing", "K", "2025-Q1").encode());
        assertEquals("beijing|2025-Q1|K", new SectorCell("beijing", "K", "2025-Q1").storeKey(), "the rollup's cell store");
        assertEquals("ALL|2025-Q1", new ScopeQuarter("ALL", "2025-Q1").encode());
        assertEquals("hainan|DATA_FLOWS", new ScopeFocusArea("hainan", "DATA_FLOWS").encode());
        assertEquals("shanghai|M-17", new CityMeasure("shanghai", "M-17").encode());
        assertEquals("services-share-below|ALL|2025-Q4", new AlertKey("services-share-below", "ALL", "2025-Q4").encode());
        assertEquals("ALL|2025-Q4|services-share-below", new AlertKey("services-share-below", "ALL", "2025-Q4").storeKey(),
                "the rollup's alert store");
        assertEquals("beijing|K|2025-Q1|FOREIGN_FUNDED|true",
                new PartialSumKey("beijing", "K", "2025-Q1", "FOREIGN_FUNDED", true).encode(), "a ledger task's partial sum");
        assertEquals("CNY|00000000000000000001", new RateKey("CNY", "00000000000000000001").encode());
    }

    @Test
    @DisplayName("a key reads back as the value it was written from; the first part is the scope the rollups partition on")
    void parsing() {
        assertEquals(new SectorCell("beijing", "K", "2025-Q1"), SectorCell.decode("beijing|K|2025-Q1"));
        assertEquals(new SectorCell("beijing", "K", "2025-Q1"), SectorCell.fromStoreKey("beijing|2025-Q1|K"));
        assertEquals(new AlertKey("services-share-below", "ALL", "2025-Q4"), AlertKey.decode("services-share-below|ALL|2025-Q4"));
        assertEquals(new ScopeQuarter("ALL", "2025-Q1"), ScopeQuarter.decode("ALL|2025-Q1"));
        assertEquals(new ScopeFocusArea("ALL", "DATA_FLOWS"), ScopeFocusArea.decode("ALL|DATA_FLOWS"));
        assertEquals("beijing", Scope.of("beijing|K|2025-Q1"));
        assertEquals("ALL", Scope.of("ALL|DATA_FLOWS"));
        assertEquals("MALFORMED", Scope.of("MALFORMED"), "a key of one part is its own scope");
    }

    @Test
    @DisplayName("a key of another shape is refused, naming the key and the form expected")
    void otherShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScopeQuarter.decode("beijing|K|2025-Q1"));
        assertEquals("key 'beijing|K|2025-Q1' is not of the form scope|quarter", e.getMessage());
    }

    @Test
    @DisplayName("a prefix is the parts and a closing |, so that one code does not find another that starts with it")
    void prefixes() {
        assertEquals("ALL|", KeyFormat.prefix("ALL"));
        assertEquals("beijing|2025-Q1|", SectorCell.storePrefix("beijing", "2025-Q1"));
        assertTrue(new SectorCell("beijing", "K", "2025-Q1").storeKey().startsWith(SectorCell.storePrefix("beijing", "2025-Q1")));
        assertFalse("shanghai|2025-Q1".startsWith(KeyFormat.prefix("shang")));
    }
}
