package org.fdipulse.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.fdipulse.keys.Scope;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.model.AcceptedInvestment;
import org.fdipulse.model.PartialSum;
import org.fdipulse.keys.PartialSumKey;
import org.fdipulse.keys.SourceSumKey;
import org.fdipulse.model.SourceSum;
import org.fdipulse.keys.ScopeQuarter;
import org.fdipulse.model.QuarterDelta;
import org.fdipulse.rules.LatestRevisionWins;
import org.fdipulse.serde.InternalSerdes;

import static org.fdipulse.keys.Scope.ALL;

/**
 * The local half of a two-phase aggregation (what Flink calls local–global): each ledger task sums its ledger changes
 * per city, sector, quarter and kind of capital (investor type and green flag, R8), and apart from those per city,
 * quarter and source economy with its groups (R11), and once per publication interval
 * sends the combined {@link PartialSum}s of each scope (each city, and ALL: the sum over the cities) and quarter, as one {@link QuarterDelta}, to the scope's
 * {@link InvestmentRollup}, instead of two records per investment (its city's and ALL's). Every
 * investment moves ALL, so without this the task that holds ALL absorbed a record per input, and the repartition
 * and changelog traffic grew with the input; with it, they grow with the cells touched per interval.
 *
 * <p>Exactly-once: the partial sums live in a changelogged store, and their sending and deletion happen in the same
 * transaction. After a crash they are restored from the changelog as of the last commit, and sent then: no partial
 * sum is lost or sent twice. The task also keeps them decoded in a map, an exact copy of the store (loaded from it
 * when the task starts), so adding a change reads nothing from the store and sending does not scan it: reads
 * through the record cache, and its merged scan of cache and RocksDB, were a fifth of the stream threads' time.
 */
final class LocalScopeSums extends ContextualProcessor<String, Change<AcceptedInvestment>, String, QuarterDelta> {

    static final String STORE = "investment-partial-sums";
    /** The source sums (R11), by {@link SourceSumKey}: their own store, as their key has its own shape. */
    static final String SOURCE_STORE = "investment-source-sums";

    private final Duration interval;
    private KeyValueStore<String, PartialSum> sums;
    private KeyValueStore<String, SourceSum> sources;
    /** Exactly what {@link #sums} holds, decoded, under the keys it encodes. */
    private final Map<PartialSumKey, PartialSum> unsent = new HashMap<>();
    /** Exactly what {@link #sources} holds, decoded. */
    private final Map<SourceSumKey, SourceSum> unsentSources = new HashMap<>();

    private LocalScopeSums(Duration interval) {
        this.interval = interval;
    }

    static ProcessorSupplier<String, Change<AcceptedInvestment>, String, QuarterDelta> supplier(PulseSettings settings) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, Change<AcceptedInvestment>, String, QuarterDelta> get() {
                return new LocalScopeSums(settings.publishInterval());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(settings.stateStores().transientCached(STORE, InternalSerdes.PARTIAL_SUM),
                        settings.stateStores().transientCached(SOURCE_STORE, InternalSerdes.SOURCE_SUM));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, QuarterDelta> context) {
        super.init(context);
        sums = context.getStateStore(STORE);
        sources = context.getStateStore(SOURCE_STORE);
        unsent.clear();
        unsentSources.clear();
        try (KeyValueIterator<String, PartialSum> restored = sums.all()) {
            restored.forEachRemaining(sum -> unsent.put(keyOf(sum.key, sum.value), sum.value));
        }
        try (KeyValueIterator<String, SourceSum> restored = sources.all()) {
            restored.forEachRemaining(sum -> unsentSources.put(sourceKeyOf(sum.key, sum.value), sum.value));
        }
        PendingPublications.schedule(context, interval, this::send);
    }

    /** The key a restored sum was stored under: the city is its first part, the rest are the sum's own fields. */
    private static PartialSumKey keyOf(String storeKey, PartialSum sum) {
        return new PartialSumKey(Scope.of(storeKey), sum.sector(), sum.quarter(), sum.investorType(), sum.green());
    }

    private static SourceSumKey sourceKeyOf(String storeKey, SourceSum sum) {
        return new SourceSumKey(Scope.of(storeKey), sum.quarter(), sum.economy(), sum.groups());
    }

    /**
     * A retraction of the record in force before, and an addition of the one after, each for its city. ALL's sums are
     * not kept: they are the sums of the cities', added up when sent, which halves the store writes per change.
     */
    @Override
    public void process(Record<String, Change<AcceptedInvestment>> record) {
        Change<AcceptedInvestment> change = record.value();
        if (change.oldValue() != null && LatestRevisionWins.counts(change.oldValue())) {
            add(change.oldValue(), -1, record.timestamp());
        }
        if (LatestRevisionWins.counts(change.newValue())) {
            add(change.newValue(), 1, record.timestamp());
        }
    }

    private void add(AcceptedInvestment investment, int sign, long timestamp) {
        PartialSum change = new PartialSum(investment.sector(), investment.quarter(), investment.investorType(),
                investment.green(), sign > 0 ? investment.amount() : investment.amount().negate(), sign, timestamp);
        PartialSumKey key = new PartialSumKey(investment.city(), investment.sector(), investment.quarter(),
                investment.investorType(), investment.green());
        PartialSum next = unsent.merge(key, change, PartialSum::plus);
        sums.put(key.encode(), next);
        SourceSum source = new SourceSum(investment.quarter(), investment.sourceEconomy(), investment.sourceGroups(),
                change.amount(), timestamp);
        SourceSumKey sourceKey = new SourceSumKey(investment.city(), investment.quarter(), investment.sourceEconomy(),
                investment.sourceGroups());
        sources.put(sourceKey.encode(), unsentSources.merge(sourceKey, source, SourceSum::plus));
    }

    /**
     * One record per scope and quarter, partial sums in key order, so that a replay sends the same records in the same
     * order: each city's, and ALL's, whose every sum is that sum over the cities (a revision that moves an investment
     * between cities leaves ALL's sum touched, with zeros). Every key is encoded once and ordered as text: a comparator
     * that encoded both keys at each comparison was 6% of the stream threads' time (docs/performance.md, "Source mix").
     */
    private void send() {
        TreeMap<String, Outgoing> byScopeQuarter = new TreeMap<>();
        TreeMap<String, PartialSum> sumsOfAll = new TreeMap<>();
        for (Map.Entry<String, PartialSumKey> entry : inKeyOrder(unsent.keySet(), PartialSumKey::encode)) {
            PartialSumKey key = entry.getValue();
            PartialSum sum = unsent.get(key);
            outgoing(byScopeQuarter, key.city(), key.quarter()).sums().add(sum);
            sumsOfAll.merge(new PartialSumKey(ALL, key.sector(), key.quarter(), key.investorType(), key.green()).encode(), sum,
                    PartialSum::plus);
            sums.delete(entry.getKey());
        }
        unsent.clear();
        sumsOfAll.values().forEach(sum -> outgoing(byScopeQuarter, ALL, sum.quarter()).sums().add(sum));
        // Every change added a source sum beside its partial sum, so they touch the same scopes and quarters.
        TreeMap<String, SourceSum> sourcesOfAll = new TreeMap<>();
        for (Map.Entry<String, SourceSumKey> entry : inKeyOrder(unsentSources.keySet(), SourceSumKey::encode)) {
            SourceSumKey key = entry.getValue();
            SourceSum sum = unsentSources.get(key);
            outgoing(byScopeQuarter, key.city(), key.quarter()).sources().add(sum);
            sourcesOfAll.merge(new SourceSumKey(ALL, key.quarter(), key.economy(), key.groups()).encode(), sum, SourceSum::plus);
            sources.delete(entry.getKey());
        }
        unsentSources.clear();
        sourcesOfAll.values().forEach(sum -> outgoing(byScopeQuarter, ALL, sum.quarter()).sources().add(sum));
        byScopeQuarter.values().forEach(out -> {
            QuarterDelta delta = new QuarterDelta(out.scopeQuarter().quarter(), out.sums(), out.sources());
            context().forward(new Record<>(out.scopeQuarter().scope(), delta, delta.newestInput()));
        });
    }

    /** What one scope's quarter is sent. */
    private record Outgoing(ScopeQuarter scopeQuarter, List<PartialSum> sums, List<SourceSum> sources) {
    }

    private static Outgoing outgoing(TreeMap<String, Outgoing> byScopeQuarter, String scope, String quarter) {
        ScopeQuarter scopeQuarter = new ScopeQuarter(scope, quarter);
        return byScopeQuarter.computeIfAbsent(scopeQuarter.encode(),
                encoded -> new Outgoing(scopeQuarter, new ArrayList<>(), new ArrayList<>()));
    }

    /** The keys with their encodings, in the order of the encodings; each encoded once. */
    private static <K> List<Map.Entry<String, K>> inKeyOrder(Set<K> keys, Function<K, String> encode) {
        List<Map.Entry<String, K>> encoded = new ArrayList<>(keys.size());
        keys.forEach(key -> encoded.add(Map.entry(encode.apply(key), key)));
        encoded.sort(Map.Entry.comparingByKey());
        return encoded;
    }
}
