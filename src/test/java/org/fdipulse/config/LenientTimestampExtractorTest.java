package org.fdipulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Record timestamps: none stops the job or drops a record")
class LenientTimestampExtractorTest {

    private static final long NOW = 1_764_000_000_000L;

    @Test
    @DisplayName("a valid timestamp is kept")
    void valid() {
        assertEquals(1_700_000_000_000L, LenientTimestampExtractor.lenient(1_700_000_000_000L, 1_600_000_000_000L, NOW));
        assertEquals(0L, LenientTimestampExtractor.lenient(0L, -1L, NOW));
    }

    @Test
    @DisplayName("a negative timestamp becomes the partition's time, or the wall clock before any record")
    void negative() {
        assertEquals(1_600_000_000_000L, LenientTimestampExtractor.lenient(-1L, 1_600_000_000_000L, NOW));
        assertEquals(NOW, LenientTimestampExtractor.lenient(-5L, -1L, NOW));
    }

    @Test
    @DisplayName("a timestamp more than an hour ahead becomes the wall clock; within the hour it is kept")
    void farAhead() {
        assertEquals(NOW, LenientTimestampExtractor.lenient(NOW + 3_600_001L, NOW - 10, NOW));
        assertEquals(NOW + 3_600_000L, LenientTimestampExtractor.lenient(NOW + 3_600_000L, NOW - 10, NOW));
        assertEquals(NOW, LenientTimestampExtractor.lenient(Long.MAX_VALUE, NOW - 10, NOW));
    }
}
