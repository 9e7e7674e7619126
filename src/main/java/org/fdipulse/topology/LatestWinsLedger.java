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

/**
 * Keeps, per key, the record a rule says wins (R3: the highest revision; R5: the latest update), and forwards a
 * record only when it replaces the one in force. A record that loses changes nothing downstream, not even a
 * republication of the same figures; it is only counted.
 */
final class LatestWinsLedger<V> extends ContextualFixedKeyProcessor<String, V, V> {

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
    static <V> FixedKeyProcessorSupplier<String, V, V> supplier(String storeName, Serde<V> serde,
                                                               BiPredicate<V, V> supersedes, Runnable onLoser) {
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<String, V, V> get() {
                return new LatestWinsLedger<>(storeName, supersedes, onLoser);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(), serde));
            }
        };
    }

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        super.init(context);
        inForce = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        if (supersedes.test(record.value(), inForce.get(record.key()))) {
            inForce.put(record.key(), record.value());
            context().forward(record);
        } else {
            onLoser.run();
        }
    }
}
