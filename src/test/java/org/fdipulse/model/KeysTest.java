package org.fdipulse.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The key formats as docs/contract.md section 2 writes them, spelled out here rather than built. */
@DisplayName("Keys of contract section 2")
class KeysTest {

    @Test
    @DisplayName("each format joins its parts with | in the contract's order")
    void formats() {
        assertEquals("beijing|K|2025-Q1", Keys.sectorCell("beijing", "K", "2025-Q1"));
        assertEquals("beijing|2025-Q1|K", Keys.cityQuarterSector("beijing", "2025-Q1", "K"), "the rollup's cell store");
        assertEquals("ALL|2025-Q1", Keys.scopeQuarter("ALL", "2025-Q1"));
        assertEquals("hainan|DATA_FLOWS", Keys.scopeFocusArea("hainan", "DATA_FLOWS"));
        assertEquals("shanghai|M-17", Keys.cityMeasure("shanghai", "M-17"));
        assertEquals("services-share-below|ALL|2025-Q4", Keys.alert("services-share-below", "ALL", "2025-Q4"));
        assertEquals("CNY|00000000000000000001", Keys.rate("CNY", "00000000000000000001"));
    }

    @Test
    @DisplayName("parts come back in order; the first is the scope the rollups partition on")
    void parsing() {
        assertArrayEquals(new String[] {"beijing", "K", "2025-Q1"}, Keys.parts("beijing|K|2025-Q1"));
        assertArrayEquals(new String[] {"services-share-below", "ALL", "2025-Q4"}, Keys.parts("services-share-below|ALL|2025-Q4"));
        assertEquals("beijing", Keys.scopeOf("beijing|K|2025-Q1"));
        assertEquals("ALL", Keys.scopeOf("ALL|DATA_FLOWS"));
        assertEquals("MALFORMED", Keys.scopeOf("MALFORMED"), "a key of one part is its own scope");
    }

    @Test
    @DisplayName("a prefix is the parts and a closing |, so that one code does not find another that starts with it")
    void prefixes() {
        assertEquals("ALL|", Keys.prefix("ALL"));
        assertEquals("beijing|2025-Q1|", Keys.prefix("beijing", "2025-Q1"));
        assertTrue(Keys.cityQuarterSector("beijing", "2025-Q1", "K").startsWith(Keys.prefix("beijing", "2025-Q1")));
        assertFalse("shanghai|2025-Q1".startsWith(Keys.prefix("shang")));
    }
}
