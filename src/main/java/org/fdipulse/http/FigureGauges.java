package org.fdipulse.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.fdipulse.avro.Alert;
import org.fdipulse.avro.AlertState;
import org.fdipulse.avro.ImpactEstimate;
import org.fdipulse.avro.ImpactKind;
import org.fdipulse.avro.PilotProgress;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.avro.ShareFigures;
import org.fdipulse.avro.SourceMix;
import org.fdipulse.keys.KeyFormat;
import org.fdipulse.keys.Scope;
import org.fdipulse.reference.ReferenceData;
import org.fdipulse.rules.AlertRules;
import org.fdipulse.rules.RejectionReason;
import org.fdipulse.topology.PulseTopology;

/**
 * The published figures as Prometheus gauges, for the dashboards people already watch: the services share and the
 * amounts per scope, quarter and window (quarter, ttm, ytd), the implementation rate per scope and focus area, the
 * dead letters by reason, the programme's estimated impact (overall and by event time), and the shares of the groups
 * of source economies. Read at each scrape from this instance's own stores, so each figure is reported by the one
 * instance that holds it (aggregate across instances with {@code max by (…)} or {@code sum by (…)}), with no call to
 * another instance.
 *
 * <p>Bounded by the reference data and the code, not by the job's history: the latest {@value #QUARTERS} quarters of
 * each scope ({@code ALL} and each city of the reference data), the focus areas of the reference data and {@code ALL}
 * for each scope, the dead-letter reasons recorded ({@link RejectionReason}'s, {@code UNKNOWN} for a dead letter
 * without one, and whatever {@code error.reason} a producer other than the job wrote to the dead-letter topic), and
 * the alert rules ({@link AlertRules#RULES}).
 *
 * <p>What a scrape reads: the share records with one reverse range scan per scope, which stops at the scope's
 * {@value #QUARTERS}th quarter (the store keeps every quarter); the progress, dead-letter and alert stores whole, as
 * every record of each counts (each method says why). While the job rebalances, a store may be unavailable: the last
 * values stay.
 */
final class FigureGauges {

    static final int QUARTERS = 8;

    private final KafkaStreams streams;
    /**
     * {@code ALL} and the reference data's cities, in code order: the scopes a share record can have (the records of
     * a city since taken out of the reference data are not reported, as the HTTP API no longer answers for it).
     */
    private final List<String> scopes;
    private final String currency;
    private final MultiGauge shares;
    private final MultiGauge amounts;
    private final MultiGauge implementation;
    private final MultiGauge deadLetters;
    private final MultiGauge alertsFiring;
    private final MultiGauge impact;
    private final MultiGauge groupShares;

    FigureGauges(KafkaStreams streams, ReferenceData reference, String currency, MeterRegistry registry) {
        this.streams = streams;
        TreeSet<String> inOrder = new TreeSet<>(reference.cityCodes());
        inOrder.add(Scope.ALL);
        this.scopes = List.copyOf(inOrder);
        this.currency = currency;
        shares = MultiGauge.builder("fdi.services.share").description("Services share of FDI (R4): services / total, "
                + "per scope (a city or ALL), quarter and window (quarter, ttm, ytd)").register(registry);
        amounts = MultiGauge.builder("fdi.investment.amount").description("Counted FDI in the reporting currency (R4), "
                + "per scope, quarter, window and part (services or total)").register(registry);
        implementation = MultiGauge.builder("fdi.pilot.implementation.rate").description("Implemented measures / all "
                + "measures (R5), per scope and focus area (ALL for the scope as a whole)").register(registry);
        deadLetters = MultiGauge.builder("fdi.dead.letters.recorded").description("Dead letters since the job's state began, "
                + "by reason, from the job's state (each reason on the instance that holds it)").register(registry);
        alertsFiring = MultiGauge.builder("fdi.alerts.firing").description("Alerts firing now (R9), by rule, among the "
                + "scopes this instance holds: sum across instances for the job's count").register(registry);
        impact = MultiGauge.builder("fdi.programme.impact").description("The pilot's estimated effect on "
                + "ln(1+services/1e6) (R10): the overall estimate and each event time's (quarters since the pilot began), "
                + "with its 95% interval (figure estimate, low, high); reported by the one instance that holds them")
                .register(registry);
        groupShares = MultiGauge.builder("fdi.source.group.share").description("Each group of source economies' share "
                + "of FDI (R11), by membership at each event's date, per scope, quarter, group and window (quarter: of the "
                + "quarter's total; ytd: of the year-to-date total)").register(registry);
    }

    /** Reads the local stores again; called at each scrape. */
    void refresh() {
        for (Runnable read : List.<Runnable>of(this::readShares, this::readProgress, this::readDeadLetters, this::readAlerts,
                this::readImpact, this::readSourceMix)) {
            try {
                read.run();
            } catch (InvalidStateStoreException moving) {
                // a store that moved between its lookup and its read (a rebalance): its last values stay, and a scrape
                // never fails for it
            }
        }
    }

    /**
     * The overall and event-time estimates, each as estimate, low and high. The whole store: it holds only the
     * estimates (a few hundred cells and event times at most, in one task), and every event time counts.
     */
    private void readImpact() {
        ReadOnlyKeyValueStore<String, ImpactEstimate> store = store(PulseTopology.PROGRAMME_IMPACT);
        if (store == null) {
            return;
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        // One task holds every estimate: on the instances without it the store has no partition to read, and they
        // report none, rather than the last values of a task that has moved.
        try (KeyValueIterator<String, ImpactEstimate> all = store.all()) {
            all.forEachRemaining(kv -> {
                ImpactEstimate e = kv.value;
                if (e.getKind() == ImpactKind.CELL) {
                    return;
                }
                Tags tags = e.getKind() == ImpactKind.OVERALL ? Tags.of("kind", "overall", "event_time", "")
                        : Tags.of("kind", "event_time", "event_time", String.valueOf(e.getEventTime()));
                rows.add(MultiGauge.Row.of(tags.and("figure", "estimate"), e.getEstimate().doubleValue()));
                rows.add(MultiGauge.Row.of(tags.and("figure", "low"), e.getLow().doubleValue()));
                rows.add(MultiGauge.Row.of(tags.and("figure", "high"), e.getHigh().doubleValue()));
            });
        } catch (InvalidStateStoreException notHere) {
            rows.clear();
        }
        impact.register(rows, true);
    }

    /**
     * One row per rule, zeros included, so that an alert rule on "firing > 0" sees the series at all times. The whole
     * store: the count spans every quarter of every scope held here, and the store keeps nothing else (one record per
     * scope, quarter and rule); nothing in its layout picks out the firing ones.
     */
    private void readAlerts() {
        ReadOnlyKeyValueStore<String, Alert> store = store(PulseTopology.ALERTS);
        if (store == null) {
            return;
        }
        Map<String, Integer> firing = new TreeMap<>();
        AlertRules.RULES.forEach(rule -> firing.put(rule, 0));
        try (KeyValueIterator<String, Alert> all = store.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value.getState() == AlertState.FIRING) {
                    firing.merge(kv.value.getRule(), 1, Integer::sum);
                }
            });
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        firing.forEach((rule, count) -> rows.add(MultiGauge.Row.of(Tags.of("rule", rule), count)));
        alertsFiring.register(rows, true);
    }

    /** The latest {@value #QUARTERS} source-mix records of each scope, as the share records. */
    private void readSourceMix() {
        ReadOnlyKeyValueStore<String, SourceMix> store = store(PulseTopology.SOURCE_MIX);
        if (store == null) {
            return;
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (SourceMix m : latest(store, scopes)) {
            m.getByGroup().forEach((group, figures) -> {
                Tags tags = Tags.of("scope", m.getScope(), "quarter", m.getQuarter(), "group", group.toString());
                if (figures.getShare() != null) {
                    rows.add(MultiGauge.Row.of(tags.and("window", "quarter"), figures.getShare().doubleValue()));
                }
                if (figures.getYtdShare() != null) {
                    rows.add(MultiGauge.Row.of(tags.and("window", "ytd"), figures.getYtdShare().doubleValue()));
                }
            });
        }
        groupShares.register(rows, true);
    }

    private void readShares() {
        ReadOnlyKeyValueStore<String, ServicesShare> store = store(PulseTopology.SERVICES_SHARES);
        if (store == null) {
            return;
        }
        List<MultiGauge.Row<?>> shareRows = new ArrayList<>();
        List<MultiGauge.Row<?>> amountRows = new ArrayList<>();
        for (ServicesShare s : latest(store, scopes)) {
            figures(s, "quarter", s.getServices(), s.getTotal(), s.getServicesShare(), shareRows, amountRows);
            figures(s, "ttm", s.getTtm(), shareRows, amountRows);
            figures(s, "ytd", s.getYtd(), shareRows, amountRows);
        }
        shares.register(shareRows, true);
        amounts.register(amountRows, true);
    }

    /**
     * The latest {@value #QUARTERS} records of each scope of a store keyed {@code scope|quarter}, scope by scope in the
     * order given, the latest quarter first. Quarters are {@code YYYY-Qn}, so a scope's records are one key range in
     * time order: one reverse range scan per scope, stopped after the {@value #QUARTERS}th. A scope without records
     * has none.
     */
    static <V> List<V> latest(ReadOnlyKeyValueStore<String, V> store, List<String> scopes) {
        List<V> latest = new ArrayList<>();
        for (String scope : scopes) {
            String prefix = KeyFormat.prefix(scope);
            try (KeyValueIterator<String, V> quarters = store.reverseRange(prefix, afterPrefix(prefix))) {
                for (int n = 0; n < QUARTERS && quarters.hasNext(); n++) {
                    latest.add(quarters.next().value);
                }
            }
        }
        return latest;
    }

    /**
     * The least string above every string that starts with {@code prefix}: its last character (the {@code |}) raised
     * by one. The upper end of the prefix's key range, which the range includes, but never a key: every key has a
     * quarter after the {@code |}.
     */
    private static String afterPrefix(String prefix) {
        int last = prefix.length() - 1;
        return prefix.substring(0, last) + (char) (prefix.charAt(last) + 1);
    }

    private void figures(ServicesShare s, String window, ShareFigures f, List<MultiGauge.Row<?>> shareRows,
                         List<MultiGauge.Row<?>> amountRows) {
        figures(s, window, f.getServices(), f.getTotal(), f.getServicesShare(), shareRows, amountRows);
    }

    private void figures(ServicesShare s, String window, BigDecimal services, BigDecimal total, BigDecimal share,
                         List<MultiGauge.Row<?>> shareRows, List<MultiGauge.Row<?>> amountRows) {
        Tags tags = Tags.of("scope", s.getScope(), "quarter", s.getQuarter(), "window", window);
        if (share != null) {
            shareRows.add(MultiGauge.Row.of(tags, share.doubleValue()));
        }
        amountRows.add(MultiGauge.Row.of(tags.and("part", "services", "currency", currency), services.doubleValue()));
        amountRows.add(MultiGauge.Row.of(tags.and("part", "total", "currency", currency), total.doubleValue()));
    }

    /**
     * The whole store: it holds one record per scope and focus area ({@code ALL} included), and each is a row.
     */
    private void readProgress() {
        ReadOnlyKeyValueStore<String, PilotProgress> store = store(PulseTopology.PILOT_PROGRESS);
        if (store == null) {
            return;
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        try (KeyValueIterator<String, PilotProgress> all = store.all()) {
            all.forEachRemaining(kv -> {
                BigDecimal rate = kv.value.getImplementationRate();
                if (rate != null) {
                    rows.add(MultiGauge.Row.of(Tags.of("scope", kv.value.getScope(), "focus_area", kv.value.getFocusArea()),
                            rate.doubleValue()));
                }
            });
        }
        implementation.register(rows, true);
    }

    /**
     * The whole store: its keys are the reasons recorded, a handful, which are not known in advance (a producer other
     * than the job may have written any {@code error.reason}), and each is a row.
     */
    private void readDeadLetters() {
        ReadOnlyKeyValueStore<String, Long> store = store(PulseTopology.DEAD_LETTER_COUNTS);
        if (store == null) {
            return;
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = store.all()) {
            all.forEachRemaining(kv -> rows.add(MultiGauge.Row.of(Tags.of("reason", kv.key), kv.value)));
        }
        deadLetters.register(rows, true);
    }

    /** This instance's part of a store, or null while it cannot be read (starting, rebalancing). */
    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException notNow) {
            return null;
        }
    }
}
