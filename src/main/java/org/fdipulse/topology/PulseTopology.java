package org.fdipulse.topology;

import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.config.Topics;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.output.Outputs;
import org.fdipulse.metrics.PipelineCounters;
import org.fdipulse.model.AcceptedInvestment;
import org.fdipulse.model.MeasureState;
import org.fdipulse.rules.InputValidation;
import org.fdipulse.rules.LatestMeasureUpdateWins;
import org.fdipulse.rules.LatestRevisionWins;
import org.fdipulse.rules.MeasureAdmission;
import org.fdipulse.serde.InternalSerdes;

/**
 * The job: rates into the rate book; investments through intake (R1, R2, R6) into the revision ledger (R3), whose
 * changes become deltas keyed by scope (the city, and ALL) for {@link InvestmentRollup} (R4, R7, R8, R9 and the sector cells);
 * measure updates through intake into the measure ledger, whose changes become deltas keyed by scope for
 * {@link PilotProgressRollup} (R5). A revision that moves an investment is a retraction from its old scope and an
 * addition to its new one. One repartition per input, by scope ({@link LedgerPartitions} explains why not two).
 */
public final class PulseTopology {

    /** The accepted revision in force per eventId (R3). */
    static final String INVESTMENT_REVISIONS = "investment-revisions";
    static final String INVESTMENT_LEDGER = "investment-ledger";
    public static final String SECTOR_CELLS = InvestmentRollup.SECTOR_CELLS;
    public static final String SERVICES_SHARES = InvestmentRollup.PUBLISHED_SHARES;
    public static final String CAPITAL_MIX = InvestmentRollup.PUBLISHED_CAPITAL_MIX;
    public static final String SOURCE_MIX = InvestmentRollup.PUBLISHED_SOURCE_MIX;
    public static final String ALERTS = InvestmentRollup.ALERT_STATES;
    public static final String PILOT_PROGRESS = PilotProgressRollup.PROGRESS;
    public static final String PROGRAMME_IMPACT = ProgrammeImpactEstimates.PUBLISHED;
    /**
     * The programme-impact panel (R10) and the source-mix totals (R11): their changelogs tell state of v3 from state of
     * earlier versions, which would leave them to start empty beside figures counted before.
     */
    public static final List<String> STORES_OF_V3 = List.of(ProgrammeImpactEstimates.PANEL,
            InvestmentRollup.SOURCE_MIX_TOTALS);
    /**
     * Stores of an earlier layout of the job's state, which this version neither reads nor deletes: their changelogs on
     * the cluster mean that the application's state was written by an earlier version and needs a reset (README,
     * "Upgrading"). The four progress stores, merged into {@link #PILOT_PROGRESS}; the ledger tasks' source sums, merged
     * into their partial sums (internal format 5).
     */
    public static final List<String> RETIRED_STORES = List.of("progress-city-area", "progress-city-overall",
            "progress-nationwide-area", "progress-nationwide-overall", "investment-source-sums");
    static final String MEASURE_UPDATES_IN_FORCE = "measure-updates-in-force";
    static final String MEASURE_LEDGER = "measure-ledger";
    public static final String DEAD_LETTER_COUNTS = "dead-letter-counts";

    private PulseTopology() {
    }

    public static Topology build(PulseSettings settings, PipelineCounters counters) {
        return build(settings, counters, new DeadLetterLimit(settings.topics().deadLetter(), settings.deadLetterMaxBytes()));
    }

    /** @param deadLetterLimit shared with the application's {@link DeadLetterRefusals} ({@link DeadLetterLimit#CONFIG}) */
    public static Topology build(PulseSettings settings, PipelineCounters counters, DeadLetterLimit deadLetterLimit) {
        StreamsBuilder builder = new StreamsBuilder();
        InputValidation validation = new InputValidation(settings.reference());
        DeadLetters deadLetters = new DeadLetters(settings.topics().deadLetter(), counters, deadLetterLimit);

        rateBook(builder, settings, validation);
        investmentFigures(builder, settings, validation, deadLetters, counters);
        pilotProgress(builder, settings, validation, deadLetters, counters);
        deadLetterCounts(builder, settings);
        return builder.build();
    }

    /** Invalid rates are dead-lettered by {@link RateRejectionsTopology}, which reads the same topic. */
    private static void rateBook(StreamsBuilder builder, PulseSettings settings, InputValidation validation) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(settings.stateStores().keyValue(FxRateBook.STORE), Serdes.String(), Serdes.String())
                        .withLoggingDisabled(),
                settings.topics().fxRates(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("fx-rate-book-source"),
                () -> new FxRateBook.Updater(validation, settings.inputFormats()));
    }

    private static void investmentFigures(StreamsBuilder builder, PulseSettings settings, InputValidation validation,
                                          DeadLetters deadLetters, PipelineCounters counters) {
        Topics topics = settings.topics();
        KStream<String, AcceptedInvestment> accepted = intake(builder, topics.investments(), "investments-source",
                deadLetters, deadLetters.routes("investment-intake", INVESTMENT_LEDGER),
                routes -> new InvestmentIntake(validation, settings.reportingCurrency(), settings.inputFormats(),
                        settings.inputPartitions(topics.investments()), routes));
        KStream<String, SpecificRecord> figures = LedgerPartitions.colocate(accepted, INVESTMENT_LEDGER, InternalSerdes.ACCEPTED_INVESTMENT)
                .processValues(LatestWinsLedger.supplier(INVESTMENT_REVISIONS, settings.stateStores(),
                        InternalSerdes.ACCEPTED_INVESTMENT, LatestRevisionWins::supersedes, counters::duplicateInvestment),
                        Named.as(INVESTMENT_REVISIONS))
                .process(LocalScopeSums.supplier(settings), Named.as("investment-partial-sums"))
                .repartition(Repartitioned.with(Serdes.String(), InternalSerdes.QUARTER_DELTA).withName("investment-cell-deltas-by-scope"))
                .process(InvestmentRollup.supplier(settings), Named.as("investment-rollup"));
        OutputSinks.attach(figures, InvestmentRollup.OUTPUTS, settings);
        programmeImpact(OutputSinks.child(figures, InvestmentRollup.CITY_SHARES, ServicesShare.class), settings);
    }

    /**
     * An input topic read as raw bytes into its intake step ({@code routes.step()}), with the step's dead-letter sink
     * attached; returns what the step accepts, which it forwards to its ledger's children by name.
     */
    static <T> KStream<String, T> intake(StreamsBuilder builder, String topic, String sourceName, DeadLetters deadLetters,
                                         IntakeRoutes routes, Function<IntakeRoutes, IntakeProcessor<?, T>> step) {
        KStream<String, T> accepted = builder
                .stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(sourceName))
                .process(() -> step.apply(routes), Named.as(routes.step()));
        deadLetters.attachSink(accepted, routes.step());
        return accepted;
    }

    /**
     * R10 from the cities' published share records, in one task: its repartition topic has one partition, so the
     * whole panel (cities × quarters) meets there. It carries a record per changed city share, once per interval at
     * most, never one per event.
     */
    private static void programmeImpact(KStream<String, ServicesShare> cityShares, PulseSettings settings) {
        KStream<String, SpecificRecord> estimates = cityShares
                .repartition(Repartitioned.with(Serdes.String(), Outputs.SERVICES_SHARE.avro())
                        .withName(ProgrammeImpactEstimates.PANEL).withNumberOfPartitions(1))
                .process(ProgrammeImpactEstimates.supplier(settings), Named.as("programme-impact"));
        OutputSinks.attach(estimates, ProgrammeImpactEstimates.OUTPUTS, settings);
    }

    private static void pilotProgress(StreamsBuilder builder, PulseSettings settings, InputValidation validation,
                                      DeadLetters deadLetters, PipelineCounters counters) {
        Topics topics = settings.topics();
        KStream<String, MeasureState> accepted = intake(builder, topics.measureUpdates(), "measure-updates-source",
                deadLetters, deadLetters.routes("measure-intake", MEASURE_LEDGER),
                routes -> new MeasureIntake(new MeasureAdmission(validation), settings.inputFormats(),
                        settings.inputPartitions(topics.measureUpdates()), routes));
        KStream<String, SpecificRecord> progress = LedgerPartitions.colocate(accepted, MEASURE_LEDGER, InternalSerdes.MEASURE_STATE)
                .processValues(LatestWinsLedger.supplier(MEASURE_UPDATES_IN_FORCE, settings.stateStores(),
                        InternalSerdes.MEASURE_STATE, LatestMeasureUpdateWins::supersedes, counters::staleMeasureUpdate),
                        Named.as(MEASURE_UPDATES_IN_FORCE))
                .flatMap((cityMeasure, change) -> PilotProgressRollup.deltas(change), Named.as("measure-deltas"))
                .repartition(Repartitioned.with(Serdes.String(), InternalSerdes.MEASURE_DELTA).withName("measure-deltas-by-scope"))
                .process(PilotProgressRollup.supplier(settings), Named.as("progress-rollup"));
        OutputSinks.attach(progress, PilotProgressRollup.OUTPUTS, settings);
    }

    /**
     * Dead letters by reason since the job's state began, for {@code /api/v1/dead-letters}: counted from the
     * dead-letter topic itself, so the rate companion's rejections count too, exactly once under exactly-once.
     */
    private static void deadLetterCounts(StreamsBuilder builder, PulseSettings settings) {
        builder.stream(settings.topics().deadLetter(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letter-source"))
                .processValues(DeadLetterReason::new, Named.as("dead-letter-reason"))
                .groupBy((key, reason) -> reason, Grouped.with(DEAD_LETTER_COUNTS, Serdes.String(), Serdes.String()))
                .count(Named.as(DEAD_LETTER_COUNTS + "-count"), materialized(settings, DEAD_LETTER_COUNTS, Serdes.Long()));
    }

    private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> materialized(PulseSettings settings, String name,
                                                                                   Serde<V> serde) {
        return Materialized.<String, V>as(settings.stateStores().keyValue(name))
                .withKeySerde(Serdes.String())
                .withValueSerde(serde);
    }
}
