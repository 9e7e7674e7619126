package org.fdipulse.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.fdipulse.keys.Scope;
import org.fdipulse.avro.CapitalMix;
import org.fdipulse.avro.SectorSummary;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.avro.SourceMix;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.config.StateStoreType;
import org.fdipulse.model.CapitalMixTotals;
import org.fdipulse.keys.ScopeQuarter;
import org.fdipulse.keys.SectorCell;
import org.fdipulse.model.PartialSum;
import org.fdipulse.model.QuarterDelta;
import org.fdipulse.model.QuarterTotals;
import org.fdipulse.model.SectorTotal;
import org.fdipulse.model.SourceMixTotals;
import org.fdipulse.output.JsonViews;
import org.fdipulse.output.OutputTopic;
import org.fdipulse.output.Outputs;
import org.fdipulse.reference.ReferenceData;
import org.fdipulse.rules.Quarter;
import org.fdipulse.rules.ServicesShares;
import org.fdipulse.rules.SourceMixFigures;
import org.fdipulse.serde.InternalSerdes;


/**
 * The investment figures of one scope (a city, or ALL) in one task — the global half of a two-phase aggregation:
 * input is keyed by scope, so every sector cell of a city and every quarter of a scope live in this task's stores.
 * Each {@link QuarterDelta}, the combined changes of one quarter from one ledger task's interval
 * ({@link LocalScopeSums}), moves the sector cells it touched (cities only), and once the scope's quarter totals (R4),
 * capital mix (R8) and source mix (R11). It publishes each moved sector cell at once; each publication interval, every changed capital mix,
 * every share record that a changed quarter moves (R4, R7: up to seven quarters later) and source-mix record (R11: the
 * rest of the year, and those quarters a year later) whose figures did change, and the alert transitions
 * of those quarters ({@link AlertTransitions}, R9). Nothing new costs a repartition: every v2 figure is a function of
 * one scope's quarters, which this task already holds; nor does any v3 figure.
 */
final class InvestmentRollup extends ContextualProcessor<String, QuarterDelta, String, SpecificRecord> {

    /**
     * The child that takes every city share record it publishes, by name: the programme-impact panel (R10), fed by
     * the published figures so that the impact and the shares never disagree.
     */
    static final String CITY_SHARES = "city-services-shares";

    /** What it publishes, each to its topic's sink by name ({@link OutputSinks}). */
    static final List<OutputTopic<?>> OUTPUTS = List.of(Outputs.SECTOR_SUMMARY, Outputs.SERVICES_SHARE,
            Outputs.CAPITAL_MIX, Outputs.ALERTS, Outputs.SOURCE_MIX);

    /**
     * Sector cells by {@link SectorCell#storeKey()} {@code city|quarter|sector}, partitioned by city: a city's quarter
     * is one prefix scan for the HTTP API. Published under the topic's key {@code city|sector|quarter}.
     */
    static final String SECTOR_CELLS = "sector-cells";
    /** Quarter totals {@code scope|quarter}, partitioned by scope. */
    static final String QUARTER_TOTALS = "services-share-quarters";
    /** The published share records {@code scope|quarter}, for queries and for R7/R9; partitioned by scope. */
    static final String PUBLISHED_SHARES = "services-share-published";
    /** Capital mix totals {@code scope|quarter} (R8), partitioned by scope. */
    static final String CAPITAL_MIX_TOTALS = "capital-mix-quarters";
    /** The published capital-mix records {@code scope|quarter}, for queries; partitioned by scope. */
    static final String PUBLISHED_CAPITAL_MIX = "capital-mix-published";
    /** Source mix totals {@code scope|quarter} (R11), partitioned by scope. */
    static final String SOURCE_MIX_TOTALS = "source-mix-quarters";
    /** The published source-mix records {@code scope|quarter}, for queries; partitioned by scope. */
    static final String PUBLISHED_SOURCE_MIX = "source-mix-published";
    static final String ALERT_STATES = AlertTransitions.STORE;
    static final String PENDING = "investment-figures-pending";

    private final String currency;
    private final ReferenceData reference;
    private final Duration publishInterval;
    private final PulseSettings settings;
    private KeyValueStore<String, SectorTotal> cells;
    private KeyValueStore<String, QuarterTotals> quarters;
    private KeyValueStore<String, CapitalMixTotals> capital;
    private KeyValueStore<String, ServicesShare> published;
    private KeyValueStore<String, CapitalMix> publishedCapital;
    private KeyValueStore<String, SourceMixTotals> sources;
    private KeyValueStore<String, SourceMix> publishedSources;
    private AlertTransitions alerts;
    private PendingPublications pending;

    private InvestmentRollup(PulseSettings settings) {
        this.settings = settings;
        this.currency = settings.reportingCurrency();
        this.reference = settings.reference();
        this.publishInterval = settings.publishInterval();
    }

    static ProcessorSupplier<String, QuarterDelta, String, SpecificRecord> supplier(PulseSettings settings) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, QuarterDelta, String, SpecificRecord> get() {
                return new InvestmentRollup(settings);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                StateStoreType stores = settings.stateStores();
                return Set.of(stores.cached(SECTOR_CELLS, InternalSerdes.SECTOR_TOTAL),
                        stores.cached(QUARTER_TOTALS, InternalSerdes.QUARTER_TOTALS),
                        stores.cached(CAPITAL_MIX_TOTALS, InternalSerdes.CAPITAL_MIX_TOTALS),
                        stores.cached(PUBLISHED_SHARES, Outputs.SERVICES_SHARE.avro()),
                        stores.cached(PUBLISHED_CAPITAL_MIX, Outputs.CAPITAL_MIX.avro()),
                        stores.cached(SOURCE_MIX_TOTALS, InternalSerdes.SOURCE_MIX_TOTALS),
                        stores.cached(PUBLISHED_SOURCE_MIX, Outputs.SOURCE_MIX.avro()),
                        stores.cached(ALERT_STATES, Outputs.ALERTS.avro()),
                        PendingPublications.store(PENDING, stores));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        cells = context.getStateStore(SECTOR_CELLS);
        quarters = context.getStateStore(QUARTER_TOTALS);
        capital = context.getStateStore(CAPITAL_MIX_TOTALS);
        published = context.getStateStore(PUBLISHED_SHARES);
        publishedCapital = context.getStateStore(PUBLISHED_CAPITAL_MIX);
        sources = context.getStateStore(SOURCE_MIX_TOTALS);
        publishedSources = context.getStateStore(PUBLISHED_SOURCE_MIX);
        alerts = new AlertTransitions(settings.alertRules(), context.getStateStore(ALERT_STATES));
        pending = new PendingPublications(context.getStateStore(PENDING));
        PendingPublications.schedule(context, publishInterval, this::publish);
    }

    /**
     * Moves and publishes the sector cells of the quarter (cities only), then its totals and capital mix once for every
     * cell of the interval; the quarter is marked with the newest input of all.
     */
    @Override
    public void process(Record<String, QuarterDelta> record) {
        String scope = record.key();
        QuarterDelta delta = record.value();
        boolean city = !Scope.isAll(scope);
        String scopeQuarter = new ScopeQuarter(scope, delta.quarter()).encode();
        QuarterTotals totals = Optional.ofNullable(quarters.get(scopeQuarter)).orElse(QuarterTotals.ZERO);
        CapitalMixTotals mix = Optional.ofNullable(capital.get(scopeQuarter)).orElseGet(CapitalMixTotals::empty);
        // A cell has a partial sum per kind of capital: each cell is read, written and published once per delta.
        Map<String, SectorTotal> movedCells = new LinkedHashMap<>();
        Map<String, Long> newestPerCell = new HashMap<>();
        for (PartialSum partialSum : delta.sums()) {
            if (city) {
                String cell = new SectorCell(scope, partialSum.sector(), delta.quarter()).storeKey();
                SectorTotal total = movedCells.computeIfAbsent(cell,
                        key -> Optional.ofNullable(cells.get(key)).orElseGet(SectorTotal::empty));
                movedCells.put(cell, total.plus(partialSum));
                newestPerCell.merge(cell, partialSum.newestInput(), Math::max);
            }
            totals = totals.plus(partialSum.amount(), reference.isServices(partialSum.sector()));
            mix = mix.plus(partialSum);
        }
        movedCells.forEach((cell, total) -> {
            cells.put(cell, total);
            publishCell(cell, total, newestPerCell.get(cell));
        });
        SourceMixTotals source = Optional.ofNullable(sources.get(scopeQuarter)).orElse(SourceMixTotals.EMPTY)
                .plus(delta.sources());
        quarters.put(scopeQuarter, totals);
        capital.put(scopeQuarter, mix);
        sources.put(scopeQuarter, source);
        pending.mark(scopeQuarter, record.timestamp());
    }

    /**
     * Changed quarters and the share and source-mix records they move, in key order, as a replay publishes them again.
     * The maps are keyed by the encoded key, each encoded once.
     */
    private void publish() {
        TreeMap<String, Long> changedQuarters = new TreeMap<>();
        TreeMap<String, Long> shareCandidates = new TreeMap<>();
        TreeMap<String, Long> sourceMixCandidates = new TreeMap<>();
        pending.drain((encoded, timestamp) -> {
            ScopeQuarter changed = ScopeQuarter.decode(encoded);
            changedQuarters.put(encoded, timestamp);
            for (Quarter quarter : ServicesShares.quartersCovering(Quarter.parse(changed.quarter()))) {
                shareCandidates.merge(new ScopeQuarter(changed.scope(), quarter.toString()).encode(), timestamp, Math::max);
            }
            for (Quarter quarter : SourceMixFigures.quartersCovering(Quarter.parse(changed.quarter()))) {
                sourceMixCandidates.merge(new ScopeQuarter(changed.scope(), quarter.toString()).encode(), timestamp, Math::max);
            }
        });
        changedQuarters.forEach((key, timestamp) -> publishCapitalMix(ScopeQuarter.decode(key), timestamp));
        Map<String, SourceMixTotals> sourcesRead = new HashMap<>();
        sourceMixCandidates.forEach((key, timestamp) -> publishSourceMix(ScopeQuarter.decode(key), timestamp, sourcesRead));
        Map<String, QuarterTotals> totalsRead = new HashMap<>();
        shareCandidates.forEach((key, timestamp) -> publishShare(ScopeQuarter.decode(key), timestamp, totalsRead));
        // After every share is published, so that a quarter's swing is judged against its predecessor's new figures.
        shareCandidates.forEach((key, timestamp) -> evaluateAlerts(ScopeQuarter.decode(key), timestamp));
    }

    /**
     * A sector cell's record goes out as its delta is applied, in the same transaction, rather than at the next
     * publication: a cell is a function of its own sums alone, and a ledger task sends each of its cells at most once
     * per interval, so the record is what a publication would send, a publication interval sooner, without a pending
     * mark to write, delete and log per cell (docs/performance.md, change 17). A cell touched by several ledger tasks
     * in one interval is published once by each.
     */
    private void publishCell(String cell, SectorTotal total, long timestamp) {
        SectorSummary summary = OutputRecords.sectorSummary(SectorCell.fromStoreKey(cell), total, currency);
        OutputSinks.publish(context(), Outputs.SECTOR_SUMMARY, summary, timestamp);
    }

    /** A quarter without totals has never had a counted investment, and gets no record (R4). */
    private void publishShare(ScopeQuarter scopeQuarter, long timestamp, Map<String, QuarterTotals> totalsRead) {
        String key = scopeQuarter.encode();
        if (quarters.get(key) == null) {
            return;
        }
        String scope = scopeQuarter.scope();
        var share = ServicesShares.share(scope, Quarter.parse(scopeQuarter.quarter()), q -> Optional.ofNullable(
                totalsRead.computeIfAbsent(new ScopeQuarter(scope, q.toString()).encode(), quarters::get)));
        ServicesShare value = OutputRecords.servicesShare(share, currency);
        if (!sameRecord(published.get(key), value, JsonViews::share)) {
            published.put(key, value);
            OutputSinks.publish(context(), Outputs.SERVICES_SHARE, value, timestamp);
            if (!Scope.isAll(scope)) {
                context().forward(new Record<>(key, value, timestamp), CITY_SHARES);
            }
        }
    }

    private void publishCapitalMix(ScopeQuarter scopeQuarter, long timestamp) {
        String key = scopeQuarter.encode();
        CapitalMix value = OutputRecords.capitalMix(scopeQuarter, capital.get(key), currency);
        if (!sameRecord(publishedCapital.get(key), value, JsonViews::capitalMix)) {
            publishedCapital.put(key, value);
            OutputSinks.publish(context(), Outputs.CAPITAL_MIX, value, timestamp);
        }
    }

    /** As a share record: none for a quarter that never had a counted investment (R4's existence, R11). */
    private void publishSourceMix(ScopeQuarter scopeQuarter, long timestamp, Map<String, SourceMixTotals> sourcesRead) {
        String key = scopeQuarter.encode();
        if (quarters.get(key) == null) {
            return;
        }
        String scope = scopeQuarter.scope();
        SourceMixFigures figures = SourceMixFigures.of(Quarter.parse(scopeQuarter.quarter()), reference.economyGroups(),
                q -> Optional.ofNullable(sourcesRead.computeIfAbsent(new ScopeQuarter(scope, q.toString()).encode(), sources::get)));
        SourceMix value = OutputRecords.sourceMix(scopeQuarter, figures, currency);
        if (!sameRecord(publishedSources.get(key), value, JsonViews::sourceMix)) {
            publishedSources.put(key, value);
            OutputSinks.publish(context(), Outputs.SOURCE_MIX, value, timestamp);
        }
    }

    private void evaluateAlerts(ScopeQuarter scopeQuarter, long timestamp) {
        ServicesShare share = published.get(scopeQuarter.encode());
        if (share == null) {
            return;
        }
        ServicesShare previous = published.get(
                AlertTransitions.previousQuarterKey(share.getScope(), Quarter.parse(share.getQuarter())));
        alerts.evaluate(share, previous, timestamp, alert -> OutputSinks.publish(context(), Outputs.ALERTS, alert, timestamp));
    }

    /**
     * Whether a record would publish nothing new (R7: a revision that changes no figure of a record does not
     * republish it). Compared in the contract's JSON shape, which writes every field in a fixed order: Avro's record
     * equality does not compare decimal fields, and its encoding of a map follows the map's iteration order, which
     * differs between the record built here and the one read back from the store.
     */
    private static <T> boolean sameRecord(T before, T after, Function<T, ObjectNode> shape) {
        return before != null && shape.apply(before).equals(shape.apply(after));
    }
}
