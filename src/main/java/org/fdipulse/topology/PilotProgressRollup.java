package org.fdipulse.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.fdipulse.avro.PilotProgress;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.config.StateStoreType;
import org.fdipulse.model.Keys;
import org.fdipulse.model.MeasureDelta;
import org.fdipulse.model.MeasureState;
import org.fdipulse.model.PilotProgressCounts;
import org.fdipulse.serde.InternalSerdes;

import static org.fdipulse.rules.ServicesShareRollup.ALL;

/**
 * The pilot progress of one scope (a city, or ALL) in one task (R5): input is keyed by scope, so the counts per focus
 * area and overall of a scope live in this task's stores. Each measure status entering or leaving a scope moves its
 * area's counts and the overall counts; each publication interval, every changed count is published.
 */
final class PilotProgressRollup extends ContextualProcessor<String, MeasureDelta, String, PilotProgress> {

    static final String CITY_AREA = "progress-city-area";
    static final String CITY_OVERALL = "progress-city-overall";
    static final String NATIONWIDE_AREA = "progress-nationwide-area";
    static final String NATIONWIDE_OVERALL = "progress-nationwide-overall";
    static final String PENDING = "progress-pending";

    private final Duration publishInterval;
    private KeyValueStore<String, PilotProgressCounts> cityArea;
    private KeyValueStore<String, PilotProgressCounts> cityOverall;
    private KeyValueStore<String, PilotProgressCounts> nationwideArea;
    private KeyValueStore<String, PilotProgressCounts> nationwideOverall;
    private PendingPublications pending;

    private PilotProgressRollup(Duration publishInterval) {
        this.publishInterval = publishInterval;
    }

    /** The deltas of one ledger change, each keyed by the scope it moves: the measure's city, and ALL. */
    static List<KeyValue<String, MeasureDelta>> deltas(LedgerChange<MeasureState> change) {
        List<KeyValue<String, MeasureDelta>> deltas = new ArrayList<>(4);
        if (change.before() != null) {
            deltas.add(KeyValue.pair(change.before().city(), new MeasureDelta(change.before(), true)));
            deltas.add(KeyValue.pair(ALL, new MeasureDelta(change.before(), true)));
        }
        deltas.add(KeyValue.pair(change.after().city(), new MeasureDelta(change.after(), false)));
        deltas.add(KeyValue.pair(ALL, new MeasureDelta(change.after(), false)));
        return deltas;
    }

    static ProcessorSupplier<String, MeasureDelta, String, PilotProgress> supplier(PulseSettings settings) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, MeasureDelta, String, PilotProgress> get() {
                return new PilotProgressRollup(settings.publishInterval());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                StateStoreType stores = settings.stateStores();
                return Set.of(stores.cached(CITY_AREA, InternalSerdes.PROGRESS_COUNTS),
                        stores.cached(CITY_OVERALL, InternalSerdes.PROGRESS_COUNTS),
                        stores.cached(NATIONWIDE_AREA, InternalSerdes.PROGRESS_COUNTS),
                        stores.cached(NATIONWIDE_OVERALL, InternalSerdes.PROGRESS_COUNTS),
                        PendingPublications.store(PENDING, stores));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, PilotProgress> context) {
        super.init(context);
        cityArea = context.getStateStore(CITY_AREA);
        cityOverall = context.getStateStore(CITY_OVERALL);
        nationwideArea = context.getStateStore(NATIONWIDE_AREA);
        nationwideOverall = context.getStateStore(NATIONWIDE_OVERALL);
        pending = new PendingPublications(context.getStateStore(PENDING));
        PendingPublications.schedule(context, publishInterval, this::publish);
    }

    @Override
    public void process(Record<String, MeasureDelta> record) {
        String scope = record.key();
        MeasureState measure = record.value().measure();
        boolean nationwide = ALL.equals(scope);
        move(nationwide ? nationwideArea : cityArea, Keys.scopeFocusArea(scope, measure.focusArea()), record);
        move(nationwide ? nationwideOverall : cityOverall, Keys.scopeFocusArea(scope, ALL), record);
    }

    private void move(KeyValueStore<String, PilotProgressCounts> store, String scopeArea, Record<String, MeasureDelta> record) {
        PilotProgressCounts counts = Optional.ofNullable(store.get(scopeArea)).orElseGet(PilotProgressCounts::none);
        String status = record.value().measure().status();
        store.put(scopeArea, record.value().retracted() ? counts.minus(status) : counts.plus(status));
        pending.mark(scopeArea, record.timestamp());
    }

    private void publish() {
        pending.drain((scopeArea, timestamp) -> {
            PilotProgressCounts counts = storeOf(scopeArea).get(scopeArea);
            context().forward(new Record<>(scopeArea, OutputRecords.pilotProgress(scopeArea, counts), timestamp));
        });
    }

    private KeyValueStore<String, PilotProgressCounts> storeOf(String scopeArea) {
        String[] parts = Keys.parts(scopeArea);
        boolean overall = ALL.equals(parts[1]);
        if (ALL.equals(parts[0])) {
            return overall ? nationwideOverall : nationwideArea;
        }
        return overall ? cityOverall : cityArea;
    }
}
