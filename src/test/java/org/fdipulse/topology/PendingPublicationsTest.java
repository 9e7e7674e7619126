package org.fdipulse.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fdipulse.config.StateStoreType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PendingPublications: marks per key in a store, drained in key order with their newest timestamp")
class PendingPublicationsTest {

    /** A key and timestamp handed to the publishing step. */
    private record Published(String key, long timestamp) {
    }

    private MockProcessorContext<Object, Object> context;
    private MockStores stores;
    private KeyValueStore<String, Long> marks;

    @BeforeEach
    void store() {
        context = new MockProcessorContext<>();
        stores = new MockStores(context);
        marks = stores.add(PendingPublications.store("pending-marks", StateStoreType.IN_MEMORY));
    }

    @AfterEach
    void closeStore() {
        stores.close();
    }

    private static List<Published> drain(PendingPublications pending) {
        List<Published> published = new ArrayList<>();
        pending.drain((key, timestamp) -> published.add(new Published(key, timestamp)));
        return published;
    }

    @Test
    @DisplayName("a key marked three times is kept once, and drained once with the newest of its timestamps")
    void markedOncePerKeyWithNewestTimestamp() {
        PendingPublications pending = new PendingPublications(marks);

        pending.mark("cell:beijing|2025-Q1|K", 1_000L);
        pending.mark("cell:beijing|2025-Q1|K", 3_000L);
        pending.mark("cell:beijing|2025-Q1|K", 2_000L);

        // One store entry, written by the first mark only: later marks of a marked key cost no store access.
        assertEquals(Map.of("cell:beijing|2025-Q1|K", 1_000L), MockStores.contents(marks));
        assertEquals(List.of(new Published("cell:beijing|2025-Q1|K", 3_000L)), drain(pending));
    }

    @Test
    @DisplayName("drain hands the keys in key order with their newest timestamps, then the map and the store are empty")
    void drainInKeyOrderAndEmpty() {
        PendingPublications pending = new PendingPublications(marks);
        pending.mark("quarter:beijing|2025-Q1", 5_000L);
        pending.mark("cell:tianjin|2025-Q2|C", 4_000L);
        pending.mark("cell:beijing|2025-Q1|K", 6_000L);
        pending.mark("quarter:ALL|2025-Q1", 7_000L);
        pending.mark("cell:tianjin|2025-Q2|C", 8_000L);

        assertEquals(List.of(
                        new Published("cell:beijing|2025-Q1|K", 6_000L),
                        new Published("cell:tianjin|2025-Q2|C", 8_000L),
                        new Published("quarter:ALL|2025-Q1", 7_000L),
                        new Published("quarter:beijing|2025-Q1", 5_000L)),
                drain(pending));
        assertEquals(Map.of(), MockStores.contents(marks), "store after drain");
        assertEquals(List.of(), drain(pending), "a second drain: the map is empty too");

        // A key marked again after a drain is a new mark: it is written to the store again.
        pending.mark("cell:beijing|2025-Q1|K", 9_000L);
        assertEquals(Map.of("cell:beijing|2025-Q1|K", 9_000L), MockStores.contents(marks));
        assertEquals(List.of(new Published("cell:beijing|2025-Q1|K", 9_000L)), drain(pending));
    }

    @Test
    @DisplayName("after a restart, a new instance over the same store publishes the marks it finds there")
    void restoredMarksArePublished() {
        PendingPublications beforeRestart = new PendingPublications(marks);
        beforeRestart.mark("quarter:tianjin|2025-Q3", 2_000L);
        beforeRestart.mark("cell:beijing|2025-Q1|K", 1_000L);
        beforeRestart.mark("cell:beijing|2025-Q1|K", 1_500L); // newer, in memory only

        PendingPublications afterRestart = new PendingPublications(marks);

        // A restored mark carries the timestamp the store holds: the first one marked before the restart.
        assertEquals(List.of(
                        new Published("cell:beijing|2025-Q1|K", 1_000L),
                        new Published("quarter:tianjin|2025-Q3", 2_000L)),
                drain(afterRestart));
        assertEquals(Map.of(), MockStores.contents(marks), "store after drain");
    }

    @Test
    @DisplayName("schedule registers one wall-clock punctuator at the interval, and firing it publishes")
    void scheduleFiresPublish() {
        PendingPublications pending = new PendingPublications(marks);
        List<Published> published = new ArrayList<>();
        PendingPublications.schedule(context, Duration.ofMillis(250),
                () -> pending.drain((key, timestamp) -> published.add(new Published(key, timestamp))));
        pending.mark("quarter:ALL|2025-Q1", 3_000L);

        assertEquals(1, context.scheduledPunctuators().size());
        CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);
        assertEquals(Duration.ofMillis(250), punctuator.getInterval());
        assertEquals(PunctuationType.WALL_CLOCK_TIME, punctuator.getType());
        assertTrue(published.isEmpty(), "nothing published before the punctuator fires");

        punctuator.getPunctuator().punctuate(10_000L);

        assertEquals(List.of(new Published("quarter:ALL|2025-Q1", 3_000L)), published);
        assertEquals(Map.of(), MockStores.contents(marks));
    }
}
