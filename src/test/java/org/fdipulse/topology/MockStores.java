package org.fdipulse.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.config.StateStoreType;

/**
 * Real in-memory state stores for one processor driven by a {@link MockProcessorContext}, as apache/kafka's
 * {@code WordCountProcessorTest} builds them: from the processor's own store builders (so with its serdes), with the
 * changelog and the record cache turned off (the mock context has neither), initialised and registered with the
 * context. Closing closes every store built.
 */
final class MockStores implements AutoCloseable {

    private final MockProcessorContext<?, ?> context;
    private final List<StateStore> built = new ArrayList<>();

    MockStores(MockProcessorContext<?, ?> context) {
        this.context = context;
    }

    /** The job's settings as PulseDriver builds them, with in-memory stores whatever the default store type. */
    static PulseSettings settings() {
        Properties user = new Properties();
        user.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        user.put(StateStoreType.PROPERTY, "in-memory");
        return PulseSettings.from(user);
    }

    <S extends StateStore> S add(StoreBuilder<S> builder) {
        S store = builder.withLoggingDisabled().withCachingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        built.add(store);
        return store;
    }

    /** Every store of a processor supplier's {@code stores()}. */
    void addAll(Set<StoreBuilder<?>> builders) {
        for (StoreBuilder<?> builder : builders) {
            add(builder);
        }
    }

    /** What the store holds, in its key order. */
    static <K, V> Map<K, V> contents(KeyValueStore<K, V> store) {
        Map<K, V> entries = new LinkedHashMap<>();
        try (KeyValueIterator<K, V> all = store.all()) {
            all.forEachRemaining(entry -> entries.put(entry.key, entry.value));
        }
        return entries;
    }

    @Override
    public void close() {
        built.forEach(StateStore::close);
    }
}
