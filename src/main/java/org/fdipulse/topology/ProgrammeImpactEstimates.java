package org.fdipulse.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.fdipulse.avro.ImpactEstimate;
import org.fdipulse.avro.ImpactKind;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.config.StateStoreType;
import org.fdipulse.keys.ScopeQuarter;
import org.fdipulse.output.JsonViews;
import org.fdipulse.output.OutputTopic;
import org.fdipulse.output.Outputs;
import org.fdipulse.reference.City;
import org.fdipulse.reference.ReferenceData;
import org.fdipulse.rules.ProgrammeImpact;
import org.fdipulse.rules.Quarter;
import org.fdipulse.serde.InternalSerdes;

/**
 * R10 in the topology: the panel of every city's services per quarter, fed by the share records the investment rollup
 * publishes (so the impact and the shares never disagree), held in one task (cities × quarters: about 20 × 50 values),
 * and estimated again at most once per publication interval, after a change, never per event. Publishes only the
 * estimates whose figures changed, and a tombstone for each estimate no longer defined.
 *
 * <p>Exactly-once as the rollups: the panel, the published estimates and the mark "the panel changed" live in
 * changelogged stores written in the transaction of the records that moved them; after a crash a change whose panel
 * value survived is still marked, and estimated.
 */
final class ProgrammeImpactEstimates extends ContextualProcessor<String, ServicesShare, String, SpecificRecord> {

    static final List<OutputTopic<?>> OUTPUTS = List.of(Outputs.PROGRAMME_IMPACT);
    /** Each city's services per quarter, {@code city|quarter}: the panel's S(i,t). */
    static final String PANEL = "programme-impact-panel";
    /** The published estimates by their topic key, for queries and to publish only what changed. */
    static final String PUBLISHED = "programme-impact-published";
    static final String PENDING = "programme-impact-pending";
    private static final String PANEL_CHANGED = "panel";

    private final Map<String, Optional<Quarter>> treatedFrom;
    private final String currency;
    private final Duration interval;
    private KeyValueStore<String, BigDecimal> panel;
    private KeyValueStore<String, ImpactEstimate> published;
    private PendingPublications pending;
    /** Exactly what {@link #panel} holds, decoded: the estimation reads every value. */
    private final Map<ScopeQuarter, BigDecimal> services = new HashMap<>();
    /** Exactly what {@link #published} holds. */
    private final Map<String, ImpactEstimate> publishedByKey = new HashMap<>();
    /**
     * Whether to estimate at the first publication after the task starts on a panel it restored: the reference data
     * may have changed since (a city added as a comparison unit, a {@code treatedFrom} corrected), and the estimates
     * must follow it without waiting for new input. Only what changed is published, so a restart on the same data
     * writes nothing.
     */
    private boolean estimateOnStart;

    private ProgrammeImpactEstimates(PulseSettings settings) {
        this.treatedFrom = treatedFrom(settings.reference());
        this.currency = settings.reportingCurrency();
        this.interval = settings.publishInterval();
    }

    static ProcessorSupplier<String, ServicesShare, String, SpecificRecord> supplier(PulseSettings settings) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, ServicesShare, String, SpecificRecord> get() {
                return new ProgrammeImpactEstimates(settings);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                StateStoreType stores = settings.stateStores();
                return Set.of(stores.cached(PANEL, InternalSerdes.AMOUNT),
                        stores.cached(PUBLISHED, Outputs.PROGRAMME_IMPACT.avro()),
                        PendingPublications.store(PENDING, stores));
            }
        };
    }

    /** The units of R10: every city of the reference data, with the quarter its pilot began (empty: never). */
    private static Map<String, Optional<Quarter>> treatedFrom(ReferenceData reference) {
        Map<String, Optional<Quarter>> units = new LinkedHashMap<>();
        reference.cityCodes().forEach(code -> units.put(code,
                reference.city(code).flatMap(City::treatedFrom).map(Quarter::parse)));
        return units;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        panel = context.getStateStore(PANEL);
        published = context.getStateStore(PUBLISHED);
        pending = new PendingPublications(context.getStateStore(PENDING));
        services.clear();
        publishedByKey.clear();
        try (KeyValueIterator<String, BigDecimal> all = panel.all()) {
            all.forEachRemaining(kv -> services.put(ScopeQuarter.decode(kv.key), kv.value));
        }
        try (KeyValueIterator<String, ImpactEstimate> all = published.all()) {
            all.forEachRemaining(kv -> publishedByKey.put(kv.key, kv.value));
        }
        estimateOnStart = !services.isEmpty() || !publishedByKey.isEmpty();
        PendingPublications.schedule(context, interval, this::publish);
    }

    /** A city's published share record: its services amount is the panel's value for that city and quarter. */
    @Override
    public void process(Record<String, ServicesShare> record) {
        ServicesShare share = record.value();
        ScopeQuarter cell = new ScopeQuarter(share.getScope(), share.getQuarter());
        if (!treatedFrom.containsKey(cell.scope()) || share.getServices().equals(services.get(cell))) {
            return;
        }
        services.put(cell, share.getServices());
        panel.put(cell.encode(), share.getServices());
        pending.mark(PANEL_CHANGED, record.timestamp());
    }

    private void publish() {
        boolean[] estimated = {false};
        pending.drain((mark, timestamp) -> {
            estimate(timestamp);
            estimated[0] = true;
        });
        if (estimateOnStart && !estimated[0]) {
            estimate(context().currentSystemTimeMs());
        }
        estimateOnStart = false;
    }

    private void estimate(long timestamp) {
        Map<String, ImpactEstimate> now = new TreeMap<>();
        if (!services.isEmpty()) {
            Quarter t0 = null;
            Quarter t1 = null;
            for (ScopeQuarter cell : services.keySet()) {
                Quarter q = Quarter.parse(cell.quarter());
                t0 = t0 == null || q.compareTo(t0) < 0 ? q : t0;
                t1 = t1 == null || q.compareTo(t1) > 0 ? q : t1;
            }
            for (ProgrammeImpact.Estimate e : ProgrammeImpact.estimate(treatedFrom, t0, t1, this::outcome)) {
                ImpactEstimate record = record(e);
                now.put(Outputs.PROGRAMME_IMPACT.keyOf(record), record);
            }
        }
        now.forEach((key, record) -> {
            if (!sameFigures(publishedByKey.get(key), record)) {
                publishedByKey.put(key, record);
                published.put(key, record);
                OutputSinks.publish(context(), Outputs.PROGRAMME_IMPACT, record, timestamp);
            }
        });
        for (String gone : new ArrayList<>(publishedByKey.keySet())) {
            if (!now.containsKey(gone)) {
                publishedByKey.remove(gone);
                published.delete(gone);
                OutputSinks.delete(context(), Outputs.PROGRAMME_IMPACT, gone, timestamp);
            }
        }
    }

    /** Y(i,t), 0 for a quarter without a share record (S = 0). */
    private double outcome(String city, Quarter quarter) {
        BigDecimal s = services.get(new ScopeQuarter(city, quarter.toString()));
        return s == null ? 0.0 : ProgrammeImpact.outcome(s);
    }

    private ImpactEstimate record(ProgrammeImpact.Estimate e) {
        return new ImpactEstimate(ImpactKind.valueOf(e.kind().name()), text(e.cohort()), text(e.quarter()),
                text(e.baseQuarter()), e.eventTime(), e.estimate(), e.standardError(), e.low(), e.high(),
                e.treatedCities(), e.controlCities(), e.cohorts(), currency, ProgrammeImpact.OUTCOME);
    }

    private static String text(Quarter quarter) {
        return quarter == null ? null : quarter.toString();
    }

    /** Compared in the JSON shape: Avro's record equality does not compare decimals (see InvestmentRollup). */
    private static boolean sameFigures(ImpactEstimate before, ImpactEstimate after) {
        if (before == null) {
            return false;
        }
        ObjectNode a = JsonViews.impact(before);
        return a.equals(JsonViews.impact(after));
    }
}
