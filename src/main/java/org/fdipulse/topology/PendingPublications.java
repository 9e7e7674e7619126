package org.fdipulse.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.fdipulse.config.StateStoreType;

/**
 * The output keys a rollup has changed since it last published, with the newest input timestamp behind each. A
 * rollup marks keys as records arrive and publishes each marked key once per interval, so a burst of changes to one
 * figure becomes one output record instead of one per input (what the DSL's record cache does for aggregates).
 * The marks live in a changelogged store, in the same transaction as the figures: after a crash, every change
 * whose figures survived is still marked, and is published.
 */
final class PendingPublications {

    private final KeyValueStore<String, Long> marks;
    /**
     * Exactly the keys the store holds, with their newest input timestamp: a key already marked costs no store
     * access, and publishing does not scan the store. Loaded from the store when the task starts, where a restored
     * mark carries the first timestamp marked before the restart.
     */
    private final Map<String, Long> newest = new HashMap<>();

    /** Call from the processor's {@code init}: the store then holds what the last commit left. */
    PendingPublications(KeyValueStore<String, Long> marks) {
        this.marks = marks;
        try (KeyValueIterator<String, Long> restored = marks.all()) {
            restored.forEachRemaining(mark -> newest.put(mark.key, mark.value));
        }
    }

    static StoreBuilder<KeyValueStore<String, Long>> store(String name, StateStoreType type) {
        return type.transientCached(name, Serdes.Long());
    }

    /** Publishes every marked key each {@code interval} of wall-clock time. */
    static void schedule(ProcessingContext context, Duration interval, Runnable publish) {
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> publish.run());
    }

    void mark(String key, long inputTimestamp) {
        Long earlier = newest.get(key);
        if (earlier == null) {
            marks.put(key, inputTimestamp);
            newest.put(key, inputTimestamp);
        } else if (earlier < inputTimestamp) {
            newest.put(key, inputTimestamp);
        }
    }

    /** Hands each marked key and its newest input timestamp to {@code publish}, in key order, then forgets them. */
    void drain(BiConsumer<String, Long> publish) {
        List<String> marked = new ArrayList<>(newest.keySet());
        Collections.sort(marked);
        for (String key : marked) {
            publish.accept(key, newest.remove(key));
            marks.delete(key);
        }
    }
}
