package org.fdipulse.topology;

import java.util.Set;
import java.util.function.BiPredicate;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.fdipulse.config.StateStoreType;

/**
 * Keeps, per key, the record a rule says wins (R3: the highest revision; R5: the latest update), and forwards a
 * {@link Change} (the winner, and the record in force before it) only when a record replaces the one in force.
 * A record that loses changes nothing downstream, not even a republication of the same figures; it is only counted.
 */
final class LatestWinsLedger<V> extends ContextualFixedKeyProcessor<String, V, Change<V>> {

    private final String storeName;
    private final BiPredicate<V, V> supersedes;
    private final Runnable onLoser;
    private KeyValueStore<String, V> inForce;

    private LatestWinsLedger(String storeName, BiPredicate<V, V> supersedes, Runnable onLoser) {
        this.storeName = storeName;
        this.supersedes = supersedes;
        this.onLoser = onLoser;
    }

    /**
     * @param supersedes whether (incoming, current) replaces current; current is null for a new key
     * @param onLoser    called for each record that does not
     */
    static <V> FixedKeyProcessorSupplier<String, V, Change<V>> supplier(String storeName, StateStoreType storeType, Serde<V> serde,
                                                               BiPredicate<V, V> supersedes, Runnable onLoser) {
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<String, V, Change<V>> get() {
                return new LatestWinsLedger<>(storeName, supersedes, onLoser);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(storeType.keyValue(storeName), Serdes.String(), serde));
            }
        };
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Change<V>> context) {
        super.init(context);
        inForce = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        V before = inForce.get(record.key());
        if (supersedes.test(record.value(), before)) {
            inForce.put(record.key(), record.value());
            context().forward(record.withValue(new Change<>(record.value(), before)));
        } else {
            onLoser.run();
        }
    }
}
