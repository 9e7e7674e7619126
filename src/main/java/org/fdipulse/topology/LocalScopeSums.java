package org.fdipulse.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
import org.fdipulse.config.PulseSettings;
import org.fdipulse.model.AcceptedInvestment;
import org.fdipulse.model.CellDelta;
import org.fdipulse.model.Keys;
import org.fdipulse.model.QuarterDelta;
import org.fdipulse.rules.LatestRevisionWins;
import org.fdipulse.serde.InternalSerdes;

import static org.fdipulse.rules.ServicesShareRollup.ALL;

/**
 * The local half of a two-phase aggregation (what Flink calls local–global): each ledger task sums its ledger changes
 * per city, sector, quarter and kind of capital (investor type and green flag, R8), and once per publication interval
 * sends the combined {@link CellDelta}s of each scope (each city, and ALL: the sum over the cities) and quarter, as one {@link QuarterDelta}, to the scope's
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
final class LocalScopeSums extends ContextualProcessor<String, LedgerChange<AcceptedInvestment>, String, QuarterDelta> {

    static final String STORE = "investment-partial-sums";

    private final Duration interval;
    private KeyValueStore<String, CellDelta> sums;
    /** Exactly what {@link #sums} holds, decoded. */
    private final Map<String, CellDelta> unsent = new HashMap<>();

    private LocalScopeSums(Duration interval) {
        this.interval = interval;
    }

    static ProcessorSupplier<String, LedgerChange<AcceptedInvestment>, String, QuarterDelta> supplier(PulseSettings settings) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, LedgerChange<AcceptedInvestment>, String, QuarterDelta> get() {
                return new LocalScopeSums(settings.publishInterval());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(settings.stateStores().transientCached(STORE, InternalSerdes.CELL_DELTA));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, QuarterDelta> context) {
        super.init(context);
        sums = context.getStateStore(STORE);
        unsent.clear();
        try (KeyValueIterator<String, CellDelta> restored = sums.all()) {
            restored.forEachRemaining(sum -> unsent.put(sum.key, sum.value));
        }
        PendingPublications.schedule(context, interval, this::send);
    }

    /**
     * A retraction of the record in force before, and an addition of the one after, each for its city. ALL's sums are
     * not kept: they are the sums of the cities', added up when sent, which halves the store writes per change.
     */
    @Override
    public void process(Record<String, LedgerChange<AcceptedInvestment>> record) {
        LedgerChange<AcceptedInvestment> change = record.value();
        if (change.before() != null && LatestRevisionWins.counts(change.before())) {
            add(change.before(), -1, record.timestamp());
        }
        if (LatestRevisionWins.counts(change.after())) {
            add(change.after(), 1, record.timestamp());
        }
    }

    private void add(AcceptedInvestment investment, int sign, long timestamp) {
        CellDelta delta = new CellDelta(investment.sector(), investment.quarter(), investment.investorType(),
                investment.green(), sign > 0 ? investment.amount() : investment.amount().negate(), sign, timestamp);
        String sumKey = Keys.capitalCell(investment.city(), investment.sector(), investment.quarter(),
                investment.investorType(), investment.green());
        CellDelta sum = unsent.get(sumKey);
        CellDelta next = sum == null ? delta : sum.plus(delta);
        unsent.put(sumKey, next);
        sums.put(sumKey, next);
    }

    /**
     * One record per scope and quarter, cells in key order, so that a replay sends the same records in the same order:
     * each city's, and ALL's, whose every cell is the sum of that cell over the cities (a revision that moves an
     * investment between cities leaves ALL's cell touched, with zeros).
     */
    private void send() {
        TreeMap<String, List<CellDelta>> byScopeQuarter = new TreeMap<>();
        TreeMap<String, CellDelta> nationwide = new TreeMap<>();
        List<String> keys = new ArrayList<>(unsent.keySet());
        Collections.sort(keys);
        for (String key : keys) {
            CellDelta sum = unsent.get(key);
            byScopeQuarter.computeIfAbsent(Keys.scopeQuarter(Keys.scopeOf(key), sum.quarter()), k -> new ArrayList<>()).add(sum);
            nationwide.merge(Keys.capitalCell(ALL, sum.sector(), sum.quarter(), sum.investorType(), sum.green()), sum,
                    CellDelta::plus);
            sums.delete(key);
        }
        unsent.clear();
        nationwide.values().forEach(sum -> byScopeQuarter
                .computeIfAbsent(Keys.scopeQuarter(ALL, sum.quarter()), k -> new ArrayList<>()).add(sum));
        byScopeQuarter.forEach((scopeQuarter, cells) -> {
            QuarterDelta delta = new QuarterDelta(cells.get(0).quarter(), cells);
            context().forward(new Record<>(Keys.scopeOf(scopeQuarter), delta, delta.newestInput()));
        });
    }
}
