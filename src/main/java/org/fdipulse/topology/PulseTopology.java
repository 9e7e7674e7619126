package org.fdipulse.topology;

import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.config.Topics;
import org.fdipulse.metrics.PipelineCounters;
import org.fdipulse.model.AcceptedInvestment;
import org.fdipulse.model.MeasureState;
import org.fdipulse.model.QuarterTotals;
import org.fdipulse.model.ScopedQuarterTotals;
import org.fdipulse.model.SectorTotal;
import org.fdipulse.rules.InputValidation;
import org.fdipulse.rules.LatestMeasureUpdateWins;
import org.fdipulse.rules.LatestRevisionWins;
import org.fdipulse.rules.MeasureAdmission;
import org.fdipulse.rules.PilotProgressCounts;
import org.fdipulse.serde.AvroSerdes;
import org.fdipulse.serde.JsonSerde;

import static org.fdipulse.rules.ServicesShareRollup.ALL;
import static org.fdipulse.topology.OutputRecords.key;

/**
 * The job: rates into the rate book; investments through intake (R1, R2, R6) into the revision ledger (R3), then
 * summed per sector cell and per scope and quarter (R4); measure updates through intake into the measure ledger
 * and counted per scope and focus area (R5). Retractions are the DSL's: each ledger is a KTable, and a revision
 * that moves an investment subtracts it from its old groups and adds it to its new ones.
 */
public final class PulseTopology {

    /** The accepted revision in force per eventId (R3), and the same as a table the totals are grouped from. */
    static final String INVESTMENT_REVISIONS = "investment-revisions";
    static final String INVESTMENT_LEDGER = "investment-ledger";
    public static final String SECTOR_CELLS = "sector-cells";
    public static final String SERVICES_SHARES = ServicesShareProcessor.PUBLISHED_STORE;
    public static final String PROGRESS_CITY_AREA = "progress-city-area";
    public static final String PROGRESS_CITY_OVERALL = "progress-city-overall";
    public static final String PROGRESS_NATIONWIDE_AREA = "progress-nationwide-area";
    public static final String PROGRESS_NATIONWIDE_OVERALL = "progress-nationwide-overall";
    static final String MEASURE_UPDATES_IN_FORCE = "measure-updates-in-force";
    static final String MEASURE_LEDGER = "measure-ledger";
    public static final String DEAD_LETTER_COUNTS = "dead-letter-counts";

    private static final Serde<AcceptedInvestment> INVESTMENT = new JsonSerde<>(AcceptedInvestment.class);
    private static final Serde<MeasureState> MEASURE = new JsonSerde<>(MeasureState.class);

    /** The scopes of R4: each city, and ALL. */
    private enum ShareScope {
        CITY(AcceptedInvestment::city), NATIONWIDE(investment -> ALL);

        final Function<AcceptedInvestment, String> scopeOf;

        ShareScope(Function<AcceptedInvestment, String> scopeOf) {
            this.scopeOf = scopeOf;
        }
    }

    /** The scopes of R5: (city or ALL) × (focus area or ALL). */
    private enum ProgressScope {
        CITY_AREA(PROGRESS_CITY_AREA, m -> key(m.city(), m.focusArea())),
        CITY_OVERALL(PROGRESS_CITY_OVERALL, m -> key(m.city(), ALL)),
        NATIONWIDE_AREA(PROGRESS_NATIONWIDE_AREA, m -> key(ALL, m.focusArea())),
        NATIONWIDE_OVERALL(PROGRESS_NATIONWIDE_OVERALL, m -> key(ALL, ALL));

        final String store;
        final Function<MeasureState, String> keyOf;

        ProgressScope(String store, Function<MeasureState, String> keyOf) {
            this.store = store;
            this.keyOf = keyOf;
        }
    }

    private PulseTopology() {
    }

    public static Topology build(PulseSettings settings, PipelineCounters counters) {
        StreamsBuilder builder = new StreamsBuilder();
        Topics topics = settings.topics();
        InputValidation validation = new InputValidation(settings.reference());
        DeadLetters deadLetters = new DeadLetters(topics.deadLetter(), counters);

        rateBook(builder, topics, validation);
        KTable<String, AcceptedInvestment> counted = countedInvestments(builder, settings, validation, deadLetters, counters);
        sectorSummaries(counted, settings);
        servicesShares(counted, settings);
        pilotProgress(builder, topics, validation, deadLetters, counters);
        deadLetterCounts(builder, topics);
        return builder.build();
    }

    /** Invalid rates are dead-lettered by {@link RateRejectionsTopology}, which reads the same topic. */
    private static void rateBook(StreamsBuilder builder, Topics topics, InputValidation validation) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FxRateBook.STORE), Serdes.String(), Serdes.String())
                        .withLoggingDisabled(),
                topics.fxRates(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("fx-rate-book-source"),
                () -> new FxRateBook.Updater(validation));
    }

    private static KTable<String, AcceptedInvestment> countedInvestments(StreamsBuilder builder, PulseSettings settings,
            InputValidation validation, DeadLetters deadLetters, PipelineCounters counters) {
        KStream<String, Intake<AcceptedInvestment>> intake = builder
                .stream(settings.topics().investments(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("investments-source"))
                .process(() -> new InvestmentIntake(validation, settings.reportingCurrency()), Named.as("investment-intake"));
        KTable<String, AcceptedInvestment> ledger = deadLetters.routeRejected(intake, "investment-intake")
                .repartition(Repartitioned.with(Serdes.String(), INVESTMENT).withName(INVESTMENT_LEDGER))
                .processValues(LatestWinsLedger.supplier(INVESTMENT_REVISIONS, INVESTMENT, LatestRevisionWins::supersedes,
                        counters::duplicateInvestment), Named.as(INVESTMENT_REVISIONS))
                .toTable(Named.as(INVESTMENT_LEDGER + "-table"), uncached(materialized(INVESTMENT_LEDGER, INVESTMENT)));
        return ledger.filter((eventId, investment) -> LatestRevisionWins.counts(investment), Named.as("counted-investments"));
    }

    private static void sectorSummaries(KTable<String, AcceptedInvestment> counted, PulseSettings settings) {
        counted.groupBy((eventId, inv) -> KeyValue.pair(key(inv.city(), inv.sector(), inv.quarter()), inv),
                        Grouped.with(SECTOR_CELLS, Serdes.String(), INVESTMENT))
                .aggregate(SectorTotal::empty, (cell, inv, total) -> total.plus(inv), (cell, inv, total) -> total.minus(inv),
                        Named.as(SECTOR_CELLS + "-aggregate"), materialized(SECTOR_CELLS, new JsonSerde<>(SectorTotal.class)))
                .toStream(Named.as("sector-cell-changes"))
                .mapValues((cell, total) -> OutputRecords.sectorSummary(cell, total, settings.reportingCurrency()),
                        Named.as("sector-summary-records"))
                .to(settings.topics().sectorSummary(),
                        Produced.with(Serdes.String(), AvroSerdes.sectorSummary()).withName("sector-summary-sink"));
    }

    private static void servicesShares(KTable<String, AcceptedInvestment> counted, PulseSettings settings) {
        KStream<String, ScopedQuarterTotals> changes = null;
        for (ShareScope scope : ShareScope.values()) {
            String name = "quarter-totals-" + scope.name().toLowerCase();
            KStream<String, ScopedQuarterTotals> scopeChanges = counted
                    .groupBy((eventId, inv) -> KeyValue.pair(key(scope.scopeOf.apply(inv), inv.quarter()), inv),
                            Grouped.with(name, Serdes.String(), INVESTMENT))
                    .aggregate(() -> QuarterTotals.ZERO,
                            (k, inv, totals) -> totals.plus(inv.amount(), settings.reference().isServices(inv.sector())),
                            (k, inv, totals) -> totals.minus(inv.amount(), settings.reference().isServices(inv.sector())),
                            Named.as(name + "-aggregate"), materialized(name, new JsonSerde<>(QuarterTotals.class)))
                    .toStream(Named.as(name + "-changes"))
                    .map((scopeQuarter, totals) -> {
                        String[] parts = OutputRecords.parts(scopeQuarter);
                        return KeyValue.pair(parts[0], new ScopedQuarterTotals(parts[0], parts[1], totals));
                    }, Named.as(name + "-by-scope"));
            changes = changes == null ? scopeChanges : changes.merge(scopeChanges, Named.as(name + "-merge"));
        }
        changes.repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(ScopedQuarterTotals.class))
                        .withName("services-share-by-scope"))
                .process(ServicesShareProcessor.supplier(settings.reportingCurrency()), Named.as("services-share"))
                .to(settings.topics().servicesShare(),
                        Produced.with(Serdes.String(), AvroSerdes.servicesShare()).withName("services-share-sink"));
    }

    private static void pilotProgress(StreamsBuilder builder, Topics topics, InputValidation validation,
                                      DeadLetters deadLetters, PipelineCounters counters) {
        KStream<String, Intake<MeasureState>> intake = builder
                .stream(topics.measureUpdates(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("measure-updates-source"))
                .process(() -> new MeasureIntake(new MeasureAdmission(validation)), Named.as("measure-intake"));
        KTable<String, MeasureState> measures = deadLetters.routeRejected(intake, "measure-intake")
                .repartition(Repartitioned.with(Serdes.String(), MEASURE).withName(MEASURE_LEDGER))
                .processValues(LatestWinsLedger.supplier(MEASURE_UPDATES_IN_FORCE, MEASURE, LatestMeasureUpdateWins::supersedes,
                        counters::staleMeasureUpdate), Named.as(MEASURE_UPDATES_IN_FORCE))
                .toTable(Named.as(MEASURE_LEDGER + "-table"), uncached(materialized(MEASURE_LEDGER, MEASURE)));
        for (ProgressScope scope : ProgressScope.values()) {
            String name = scope.store;
            measures.groupBy((cityMeasure, m) -> KeyValue.pair(scope.keyOf.apply(m), m), Grouped.with(name, Serdes.String(), MEASURE))
                    .aggregate(PilotProgressCounts::none, (k, m, counts) -> counts.plus(m.status()),
                            (k, m, counts) -> counts.minus(m.status()),
                            Named.as(name + "-aggregate"), materialized(name, new JsonSerde<>(PilotProgressCounts.class)))
                    .toStream(Named.as(name + "-changes"))
                    .mapValues(OutputRecords::pilotProgress, Named.as(name + "-records"))
                    .to(topics.pilotProgress(),
                            Produced.with(Serdes.String(), AvroSerdes.pilotProgress()).withName(name + "-sink"));
        }
    }

    /**
     * Dead letters by reason since the job's state began, for {@code /api/v1/dead-letters}: counted from the
     * dead-letter topic itself, so the rate companion's rejections count too, exactly once under exactly-once.
     */
    private static void deadLetterCounts(StreamsBuilder builder, Topics topics) {
        builder.stream(topics.deadLetter(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letter-source"))
                .processValues(DeadLetterReason::new, Named.as("dead-letter-reason"))
                .groupBy((key, reason) -> reason, Grouped.with(DEAD_LETTER_COUNTS, Serdes.String(), Serdes.String()))
                .count(Named.as(DEAD_LETTER_COUNTS + "-count"), materialized(DEAD_LETTER_COUNTS, Serdes.Long()));
    }

    /**
     * A ledger table must pass on every change: a cache would fold a revision that moves an investment from quarter
     * X to Y into one update, X would never be added to, and X would never get the record R4 promises every quarter
     * that ever had a counted investment. The aggregates after it may cache: they fold into the right final value.
     */
    private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> uncached(
            Materialized<String, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return materialized.withCachingDisabled();
    }

    private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> materialized(String name, Serde<V> serde) {
        return Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(name)
                .withKeySerde(Serdes.String())
                .withValueSerde(serde);
    }
}
