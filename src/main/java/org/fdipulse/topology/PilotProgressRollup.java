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
import org.apache.avro.specific.SpecificRecord;
import org.fdipulse.keys.Scope;
import org.fdipulse.avro.PilotProgress;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.config.StateStoreType;
import org.fdipulse.keys.ScopeFocusArea;
import org.fdipulse.model.MeasureDelta;
import org.fdipulse.model.MeasureState;
import org.fdipulse.model.PilotProgressCounts;
import org.fdipulse.output.OutputTopic;
import org.fdipulse.output.Outputs;

import static org.fdipulse.keys.Scope.ALL;

/**
 * The pilot progress of one scope (a city, or ALL) in one task (R5): input is keyed by scope, so the figures per focus
 * area and overall of a scope live in this task's store. Each measure status entering or leaving a scope moves its
 * area's counts and the overall counts; each publication interval, every changed figure is published.
 *
 * <p>The store holds each figure as the record it publishes ({@code scope|focusArea}, the focus area {@code ALL} for
 * the scope overall), so the HTTP API reads the published counts and implementation rate instead of computing them
 * again, and a scope's whole answer is one prefix scan {@code scope|} in one store.
 */
final class PilotProgressRollup extends ContextualProcessor<String, MeasureDelta, String, SpecificRecord> {

    /** What it publishes ({@link OutputSinks}). */
    static final List<OutputTopic<?>> OUTPUTS = List.of(Outputs.PILOT_PROGRESS);

    /** The progress records {@code scope|focusArea}, partitioned by scope. */
    static final String PROGRESS = "pilot-progress";
    static final String PENDING = "progress-pending";

    private final Duration publishInterval;
    private KeyValueStore<String, PilotProgress> progress;
    private PendingPublications pending;

    private PilotProgressRollup(Duration publishInterval) {
        this.publishInterval = publishInterval;
    }

    /** The deltas of one ledger change, each keyed by the scope it moves: the measure's city, and ALL. */
    static List<KeyValue<String, MeasureDelta>> deltas(Change<MeasureState> change) {
        List<KeyValue<String, MeasureDelta>> deltas = new ArrayList<>(4);
        if (change.oldValue() != null) {
            deltas.add(KeyValue.pair(change.oldValue().city(), new MeasureDelta(change.oldValue(), true)));
            deltas.add(KeyValue.pair(ALL, new MeasureDelta(change.oldValue(), true)));
        }
        deltas.add(KeyValue.pair(change.newValue().city(), new MeasureDelta(change.newValue(), false)));
        deltas.add(KeyValue.pair(ALL, new MeasureDelta(change.newValue(), false)));
        return deltas;
    }

    static ProcessorSupplier<String, MeasureDelta, String, SpecificRecord> supplier(PulseSettings settings) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, MeasureDelta, String, SpecificRecord> get() {
                return new PilotProgressRollup(settings.publishInterval());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                StateStoreType stores = settings.stateStores();
                return Set.of(stores.cached(PROGRESS, Outputs.PILOT_PROGRESS.avro()), PendingPublications.store(PENDING, stores));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        progress = context.getStateStore(PROGRESS);
        pending = new PendingPublications(context.getStateStore(PENDING));
        PendingPublications.schedule(context, publishInterval, this::publish);
    }

    @Override
    public void process(Record<String, MeasureDelta> record) {
        String scope = record.key();
        MeasureState measure = record.value().measure();
        move(new ScopeFocusArea(scope, measure.focusArea()), record);
        move(new ScopeFocusArea(scope, ALL), record);
    }

    private void move(ScopeFocusArea scopeArea, Record<String, MeasureDelta> record) {
        String key = scopeArea.encode();
        PilotProgressCounts counts = Optional.ofNullable(progress.get(key)).map(OutputRecords::progressCounts)
                .orElseGet(PilotProgressCounts::none);
        String status = record.value().measure().status();
        counts = record.value().retracted() ? counts.minus(status) : counts.plus(status);
        progress.put(key, OutputRecords.pilotProgress(scopeArea, counts));
        pending.mark(key, record.timestamp());
    }

    private void publish() {
        pending.drain((key, timestamp) -> OutputSinks.publish(context(), Outputs.PILOT_PROGRESS, progress.get(key), timestamp));
    }
}
