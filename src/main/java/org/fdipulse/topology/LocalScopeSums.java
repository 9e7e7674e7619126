package org.fdipulse.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.fdipulse.model.LocalSum;
import org.fdipulse.keys.LocalSumKey;
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
 * per city, sector, quarter, kind of capital (investor type and green flag, R8) and source economy with its groups
 * (R11), one {@link LocalSum} per combination, and once per publication interval sends, per scope (each city, and ALL:
 * the sum over the cities) and quarter, one {@link QuarterDelta} of the {@link PartialSum}s per cell and kind of
 * capital and the {@link SourceSum}s per source to the scope's
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

    private final Duration interval;
    private KeyValueStore<String, LocalSum> sums;
    /** Exactly what {@link #sums} holds, decoded, under the same keys ({@link LocalSumKey#encode()}). */
    private final Map<String, LocalSum> unsent = new HashMap<>();

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
                return Set.of(settings.stateStores().transientCached(STORE, InternalSerdes.LOCAL_SUM));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, QuarterDelta> context) {
        super.init(context);
        sums = context.getStateStore(STORE);
        unsent.clear();
        try (KeyValueIterator<String, LocalSum> restored = sums.all()) {
            restored.forEachRemaining(sum -> unsent.put(sum.key, sum.value));
        }
        PendingPublications.schedule(context, interval, this::send);
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

    /** One store write per counted change: the cell, kind of capital and source in one key. */
    private void add(AcceptedInvestment investment, int sign, long timestamp) {
        LocalSum change = new LocalSum(investment.sector(), investment.quarter(), investment.investorType(),
                investment.green(), investment.sourceEconomy(), investment.sourceGroups(),
                sign > 0 ? investment.amount() : investment.amount().negate(), sign, timestamp);
        String key = new LocalSumKey(investment.city(), investment.sector(), investment.quarter(),
                investment.investorType(), investment.green(), investment.sourceEconomy(), investment.sourceGroups()).encode();
        sums.put(key, unsent.merge(key, change, LocalSum::plus));
    }

    /**
     * One record per scope and quarter: each city's, and ALL's, whose every sum is that sum over the cities (a revision
     * that moves an investment between cities leaves ALL's sum touched, with zeros). Its partial sums are the local
     * sums added up over the sources, its source sums the local sums added up over the cells, each in the order of its
     * encoded key, so that a replay sends the same records in the same order.
     */
    private void send() {
        TreeMap<String, CitySum<PartialSum>> cellSums = new TreeMap<>();
        TreeMap<String, CitySum<SourceSum>> sourceSums = new TreeMap<>();
        unsent.forEach((key, sum) -> {
            String city = Scope.of(key);
            cellSums.merge(new PartialSumKey(city, sum.sector(), sum.quarter(), sum.investorType(), sum.green()).encode(),
                    new CitySum<>(city, sum.partialSum()), (a, b) -> a.with(a.sum().plus(b.sum())));
            sourceSums.merge(new SourceSumKey(city, sum.quarter(), sum.economy(), sum.groups()).encode(),
                    new CitySum<>(city, sum.sourceSum()), (a, b) -> a.with(a.sum().plus(b.sum())));
            sums.delete(key);
        });
        unsent.clear();
        TreeMap<String, Outgoing> byScopeQuarter = new TreeMap<>();
        TreeMap<String, PartialSum> sumsOfAll = new TreeMap<>();
        cellSums.values().forEach(city -> {
            PartialSum sum = city.sum();
            outgoing(byScopeQuarter, city.city(), sum.quarter()).sums().add(sum);
            sumsOfAll.merge(new PartialSumKey(ALL, sum.sector(), sum.quarter(), sum.investorType(), sum.green()).encode(), sum,
                    PartialSum::plus);
        });
        sumsOfAll.values().forEach(sum -> outgoing(byScopeQuarter, ALL, sum.quarter()).sums().add(sum));
        TreeMap<String, SourceSum> sourcesOfAll = new TreeMap<>();
        sourceSums.values().forEach(city -> {
            SourceSum sum = city.sum();
            outgoing(byScopeQuarter, city.city(), sum.quarter()).sources().add(sum);
            sourcesOfAll.merge(new SourceSumKey(ALL, sum.quarter(), sum.economy(), sum.groups()).encode(), sum, SourceSum::plus);
        });
        sourcesOfAll.values().forEach(sum -> outgoing(byScopeQuarter, ALL, sum.quarter()).sources().add(sum));
        byScopeQuarter.values().forEach(out -> {
            QuarterDelta delta = new QuarterDelta(out.scopeQuarter().quarter(), out.sums(), out.sources());
            context().forward(new Record<>(out.scopeQuarter().scope(), delta, delta.newestInput()));
        });
    }

    /** A city's sum of one kind, while the local sums are added up. */
    private record CitySum<S>(String city, S sum) {
        CitySum<S> with(S newSum) {
            return new CitySum<>(city, newSum);
        }
    }

    /** What one scope's quarter is sent. */
    private record Outgoing(ScopeQuarter scopeQuarter, List<PartialSum> sums, List<SourceSum> sources) {
    }

    private static Outgoing outgoing(TreeMap<String, Outgoing> byScopeQuarter, String scope, String quarter) {
        ScopeQuarter scopeQuarter = new ScopeQuarter(scope, quarter);
        return byScopeQuarter.computeIfAbsent(scopeQuarter.encode(),
                encoded -> new Outgoing(scopeQuarter, new ArrayList<>(), new ArrayList<>()));
    }
}
