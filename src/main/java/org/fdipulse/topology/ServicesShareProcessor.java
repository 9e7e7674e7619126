package org.fdipulse.topology;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.model.QuarterTotals;
import org.fdipulse.model.ScopedQuarterTotals;
import org.fdipulse.rules.Quarter;
import org.fdipulse.rules.ServicesShareRollup;
import org.fdipulse.serde.AvroSerdes;
import org.fdipulse.serde.JsonSerde;

/**
 * Publishes R4 for one scope at a time: records the new totals of a (scope, quarter), then republishes that
 * quarter and every later quarter of the scope whose TTM or YTD covers it. Input is keyed by scope, so all the
 * quarters of a scope are in this task's store.
 */
final class ServicesShareProcessor extends ContextualProcessor<String, ScopedQuarterTotals, String, ServicesShare> {

    static final String STORE = "services-share-quarters";
    /** The published share records, for queries; partitioned by scope like {@link #STORE}. */
    public static final String PUBLISHED_STORE = "services-share-published";

    private final String currency;
    private KeyValueStore<String, QuarterTotals> quarters;
    private KeyValueStore<String, ServicesShare> published;

    private ServicesShareProcessor(String currency) {
        this.currency = currency;
    }

    static ProcessorSupplier<String, ScopedQuarterTotals, String, ServicesShare> supplier(String currency) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, ScopedQuarterTotals, String, ServicesShare> get() {
                return new ServicesShareProcessor(currency);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                                Serdes.String(), new JsonSerde<>(QuarterTotals.class)),
                        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PUBLISHED_STORE),
                                Serdes.String(), AvroSerdes.servicesShare()));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, ServicesShare> context) {
        super.init(context);
        quarters = context.getStateStore(STORE);
        published = context.getStateStore(PUBLISHED_STORE);
    }

    @Override
    public void process(Record<String, ScopedQuarterTotals> record) {
        ScopedQuarterTotals update = record.value();
        String scope = update.scope();
        quarters.put(OutputRecords.key(scope, update.quarter()), update.totals());
        for (Quarter quarter : ServicesShareRollup.quartersCovering(Quarter.parse(update.quarter()))) {
            String key = OutputRecords.key(scope, quarter.toString());
            if (quarters.get(key) != null) {
                var share = ServicesShareRollup.share(scope, quarter,
                        q -> Optional.ofNullable(quarters.get(OutputRecords.key(scope, q.toString()))));
                ServicesShare value = OutputRecords.servicesShare(share, currency);
                published.put(key, value);
                context().forward(record.withKey(key).withValue(value));
            }
        }
    }
}
