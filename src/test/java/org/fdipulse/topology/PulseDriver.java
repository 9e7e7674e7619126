package org.fdipulse.topology;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.fdipulse.output.OutputTopic;
import org.fdipulse.output.Outputs;
import org.fdipulse.avro.Alert;
import org.fdipulse.avro.CapitalMix;
import org.fdipulse.avro.SourceMix;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.ImpactEstimate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.avro.PilotProgress;
import org.fdipulse.avro.SectorSummary;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.config.StreamsSettings;
import org.fdipulse.config.Topics;
import org.fdipulse.metrics.PipelineCounters;
import org.fdipulse.keys.CityMeasure;
import org.fdipulse.serde.AvroSerdes;

/**
 * The production topologies in TopologyTestDrivers, with the input topics taking Avro records (or raw bytes) and
 * the output topics read back as the latest value per key, as a consumer of a compacted topic sees them. Rates go to
 * both the job and its companion that dead-letters invalid rates, as both read the rates topic in production.
 */
final class PulseDriver implements AutoCloseable {

    /** A dead-letter record as a consumer sees it. */
    record DeadLetter(String key, byte[] value, Map<String, String> headers) {
        /** contract section 2's header, written out here so that a rename in the job fails the tests. */
        String reason() {
            return headers.get("error.reason");
        }
    }

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    final PipelineCounters counters = new PipelineCounters();
    private final TopologyTestDriver driver;
    private final TopologyTestDriver rateRejectionsDriver;
    private final TestInputTopic<String, byte[]> ratesToRejections;
    private final TestOutputTopic<byte[], byte[]> rateDeadLetter;
    private final TestInputTopic<String, byte[]> investments;
    private final TestInputTopic<String, byte[]> measures;
    private final TestInputTopic<String, byte[]> rates;
    private final TestOutputTopic<String, byte[]> sectorSummary;
    private final TestOutputTopic<String, byte[]> servicesShare;
    private final TestOutputTopic<String, byte[]> pilotProgress;
    private final TestOutputTopic<String, byte[]> capitalMix;
    private final TestOutputTopic<String, byte[]> alerts;
    private final TestOutputTopic<String, byte[]> impact;
    private final TestOutputTopic<String, byte[]> sourceMix;
    private final Map<String, SourceMix> sourceMixes = new LinkedHashMap<>();
    private final List<String> sourceMixKeysPublished = new ArrayList<>();
    private final Map<String, ImpactEstimate> impactEstimates = new TreeMap<>();
    private final List<String> impactRecords = new ArrayList<>();
    private final TestOutputTopic<byte[], byte[]> deadLetter;

    private final Map<String, SectorSummary> sectors = new LinkedHashMap<>();
    private final Map<String, ServicesShare> shares = new LinkedHashMap<>();
    private final Map<String, PilotProgress> progress = new LinkedHashMap<>();
    private final Map<String, CapitalMix> mixes = new LinkedHashMap<>();
    private final List<Alert> alertRecords = new ArrayList<>();
    private final List<String> shareKeysPublished = new ArrayList<>();
    private final List<String> capitalMixKeysPublished = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    PulseDriver() {
        this("USD");
    }

    PulseDriver(String reportingCurrency) {
        this(reportingCurrency, Map.of());
    }

    /** @param settings more of the user's settings */
    PulseDriver(String reportingCurrency, Map<String, String> settings) {
        this(reportingCurrency, settings, null);
    }

    /**
     * @param settings more of the user's settings
     * @param deadLetterTopicMaxBytes the dead-letter topic's {@code max.message.bytes} as PulseApp looks it up at
     *     start, or null for none known (the producer limit alone bounds a dead letter)
     */
    PulseDriver(String reportingCurrency, Map<String, String> settings, Integer deadLetterTopicMaxBytes) {
        Properties user = new Properties();
        user.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        user.put(PulseSettings.REPORTING_CURRENCY, reportingCurrency);
        user.putAll(settings);
        // What PulseApp looks up at start: the driver's topics have one partition, so well-keyed records are in place.
        PulseSettings pulseSettings = PulseSettings.from(user)
                .withInputPartitions(Map.of(Topics.INVESTMENTS, 1, Topics.MEASURE_UPDATES, 1));
        if (deadLetterTopicMaxBytes != null) {
            pulseSettings = pulseSettings.withDeadLetterTopicLimit(deadLetterTopicMaxBytes);
        }
        Properties props = StreamsSettings.streamsConfig(user);
        props.put(StreamsConfig.STATE_DIR_CONFIG, freshStateDir());
        driver = new TopologyTestDriver(PulseTopology.build(pulseSettings, counters), props, START);
        Properties rateProps = StreamsSettings.rateRejectionsConfig(user);
        rateProps.put(StreamsConfig.STATE_DIR_CONFIG, freshStateDir());
        rateRejectionsDriver = new TopologyTestDriver(RateRejectionsTopology.build(pulseSettings, counters), rateProps, START);
        StringSerializerOrNull keys = new StringSerializerOrNull();
        investments = driver.createInputTopic(Topics.INVESTMENTS, keys, new ByteArraySerializer());
        measures = driver.createInputTopic(Topics.MEASURE_UPDATES, keys, new ByteArraySerializer());
        rates = driver.createInputTopic(Topics.FX_RATES, keys, new ByteArraySerializer());
        sectorSummary = driver.createOutputTopic(Outputs.SECTOR_SUMMARY.defaultName(), new StringDeserializer(), new ByteArrayDeserializer());
        servicesShare = driver.createOutputTopic(Outputs.SERVICES_SHARE.defaultName(), new StringDeserializer(), new ByteArrayDeserializer());
        pilotProgress = driver.createOutputTopic(Outputs.PILOT_PROGRESS.defaultName(), new StringDeserializer(), new ByteArrayDeserializer());
        capitalMix = driver.createOutputTopic(Outputs.CAPITAL_MIX.defaultName(), new StringDeserializer(), new ByteArrayDeserializer());
        alerts = driver.createOutputTopic(Outputs.ALERTS.defaultName(), new StringDeserializer(), new ByteArrayDeserializer());
        impact = driver.createOutputTopic(Outputs.PROGRAMME_IMPACT.defaultName(), new StringDeserializer(), new ByteArrayDeserializer());
        sourceMix = driver.createOutputTopic(Outputs.SOURCE_MIX.defaultName(), new StringDeserializer(), new ByteArrayDeserializer());
        deadLetter = driver.createOutputTopic(Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        ratesToRejections = rateRejectionsDriver.createInputTopic(Topics.FX_RATES, keys, new ByteArraySerializer());
        rateDeadLetter = rateRejectionsDriver.createOutputTopic(Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String freshStateDir() {
        try {
            Path parent = Files.createDirectories(Path.of("target", "ttd-state"));
            return Files.createTempDirectory(parent, "driver-").toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- input

    void rate(String currency, String unitsPerUsd, String validFrom) {
        send(new FxRate(currency, new BigDecimal(unitsPerUsd), Instant.parse(validFrom)));
    }

    void send(FxRate rate) {
        sendRawRate(rate.getCurrency(), AvroSerdes.fxRate().encode(rate));
    }

    void send(InvestmentEvent event) {
        investments.pipeInput(event.getEventId(), AvroSerdes.investmentEvent().encode(event));
    }

    /** With the record timestamp a producer would have given it (its append time). */
    void send(InvestmentEvent event, Instant timestamp) {
        investments.pipeInput(event.getEventId(), AvroSerdes.investmentEvent().encode(event), timestamp);
    }

    void send(MeasureUpdate update) {
        measures.pipeInput(new CityMeasure(update.getCity(), update.getMeasureId()).encode(), AvroSerdes.measureUpdate().encode(update));
    }

    void sendRawInvestment(String key, byte[] bytes) {
        investments.pipeInput(key, bytes);
    }

    void sendRawInvestment(String key, byte[] bytes, Headers headers) {
        investments.pipeInput(new TestRecord<>(key, bytes, headers));
    }

    void sendRawMeasure(String key, byte[] bytes) {
        measures.pipeInput(key, bytes);
    }

    void sendRawRate(String key, byte[] bytes) {
        rates.pipeInput(key, bytes);
        ratesToRejections.pipeInput(key, bytes);
    }

    // ---- output, latest per key

    /** The rollups publish on wall-clock punctuation: one interval passes before every read of the outputs. */
    /**
     * Two publication intervals: in the first the ledger tasks send their partial sums to the rollups, and in the
     * second at the latest the rollups publish what those changed.
     */
    /** Three intervals: the partial sums are sent, the rollups publish, the programme impact estimates (R10). */
    private void letRollupsPublish() {
        driver.advanceWallClockTime(Duration.ofMillis(PulseSettings.DEFAULT_PUBLISH_INTERVAL_MS));
        driver.advanceWallClockTime(Duration.ofMillis(PulseSettings.DEFAULT_PUBLISH_INTERVAL_MS));
        driver.advanceWallClockTime(Duration.ofMillis(PulseSettings.DEFAULT_PUBLISH_INTERVAL_MS));
    }

    /** The current estimates per key (R10): the latest record, a tombstone removing its key, as compaction keeps them. */
    Map<String, ImpactEstimate> impact() {
        letRollupsPublish();
        for (TestRecord<String, byte[]> r : impact.readRecordsToList()) {
            if (r.value() == null) {
                impactEstimates.remove(r.key());
            } else {
                impactEstimates.put(r.key(), Outputs.PROGRAMME_IMPACT.avro().decode(r.value()));
            }
            impactRecords.add(r.key() + (r.value() == null ? " (tombstone)" : ""));
        }
        return impactEstimates;
    }

    /** Every impact record's key in order, tombstones marked, since the driver started. */
    List<String> impactRecords() {
        impact();
        return List.copyOf(impactRecords);
    }

    Map<String, SectorSummary> sectorSummaries() {
        letRollupsPublish();
        sectorSummary.readRecordsToList().forEach(r -> sectors.put(r.key(), Outputs.SECTOR_SUMMARY.avro().decode(r.value())));
        return sectors;
    }

    Map<String, ServicesShare> shares() {
        letRollupsPublish();
        for (TestRecord<String, byte[]> r : servicesShare.readRecordsToList()) {
            shares.put(r.key(), Outputs.SERVICES_SHARE.avro().decode(r.value()));
            shareKeysPublished.add(r.key());
        }
        return shares;
    }

    /** Every services-share key published since the last call, in order (with repeats). */
    List<String> shareKeysPublishedSinceLastCall() {
        shares();
        List<String> published = List.copyOf(shareKeysPublished);
        shareKeysPublished.clear();
        return published;
    }

    Map<String, PilotProgress> progress() {
        letRollupsPublish();
        pilotProgress.readRecordsToList().forEach(r -> progress.put(r.key(), Outputs.PILOT_PROGRESS.avro().decode(r.value())));
        return progress;
    }

    Map<String, CapitalMix> capitalMix() {
        letRollupsPublish();
        capitalMix.readRecordsToList().forEach(r -> {
            mixes.put(r.key(), Outputs.CAPITAL_MIX.avro().decode(r.value()));
            capitalMixKeysPublished.add(r.key());
        });
        return mixes;
    }

    /** Every capital-mix key published since the last call, in order (with repeats). */
    List<String> capitalMixKeysPublishedSinceLastCall() {
        capitalMix();
        List<String> published = List.copyOf(capitalMixKeysPublished);
        capitalMixKeysPublished.clear();
        return published;
    }

    /** The latest source-mix record per key {@code scope|quarter} (R11). */
    Map<String, SourceMix> sourceMix() {
        letRollupsPublish();
        sourceMix.readRecordsToList().forEach(r -> {
            sourceMixes.put(r.key(), Outputs.SOURCE_MIX.avro().decode(r.value()));
            sourceMixKeysPublished.add(r.key());
        });
        return sourceMixes;
    }

    /** Every source-mix key published since the last call, in order (with repeats). */
    List<String> sourceMixKeysPublishedSinceLastCall() {
        sourceMix();
        List<String> published = List.copyOf(sourceMixKeysPublished);
        sourceMixKeysPublished.clear();
        return published;
    }

    /** Every alert record written so far, in order: each is a change of state (R9). */
    List<Alert> alertRecords() {
        letRollupsPublish();
        for (TestRecord<String, byte[]> r : alerts.readRecordsToList()) {
            Alert alert = Outputs.ALERTS.avro().decode(r.value());
            if (!r.key().equals(alert.getRule() + "|" + alert.getScope() + "|" + alert.getQuarter())) {
                throw new AssertionError("alert key " + r.key() + " is not rule|scope|quarter of " + alert);
            }
            alertRecords.add(alert);
        }
        return alertRecords;
    }

    /** The current state per key {@code rule|scope|quarter}: the latest record, as the compacted topic holds it. */
    Map<String, Alert> alerts() {
        Map<String, Alert> latest = new LinkedHashMap<>();
        alertRecords().forEach(a -> latest.put(a.getRule() + "|" + a.getScope() + "|" + a.getQuarter(), a));
        return latest;
    }

    /** The latest value per key of an output topic, as UTF-8 text: for outputs written as JSON (fdi.output.format). */
    Map<String, String> latestText(OutputTopic<?> topic) {
        letRollupsPublish();
        TestOutputTopic<String, byte[]> output = Map.of(Outputs.SECTOR_SUMMARY, sectorSummary, Outputs.SERVICES_SHARE, servicesShare,
                Outputs.PILOT_PROGRESS, pilotProgress, Outputs.CAPITAL_MIX, capitalMix, Outputs.ALERTS, alerts,
                Outputs.PROGRAMME_IMPACT, impact, Outputs.SOURCE_MIX, sourceMix).get(topic);
        Map<String, String> latest = new LinkedHashMap<>();
        output.readRecordsToList().forEach(r -> latest.put(r.key(), new String(r.value(), StandardCharsets.UTF_8)));
        return latest;
    }

    /** Every dead letter so far: the job's, then (per call) the rate companion's. */
    List<DeadLetter> deadLetters() {
        List<TestRecord<byte[], byte[]>> records = new ArrayList<>(deadLetter.readRecordsToList());
        records.addAll(rateDeadLetter.readRecordsToList());
        for (TestRecord<byte[], byte[]> r : records) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header h : r.headers()) {
                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
            String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
            deadLetters.add(new DeadLetter(key, r.value(), headers));
        }
        return deadLetters;
    }

    @Override
    public void close() {
        driver.close();
        rateRejectionsDriver.close();
    }

    /** Keys as UTF-8, null passing through (a record with no key). */
    private static final class StringSerializerOrNull implements Serializer<String> {
        @Override
        public byte[] serialize(String topic, String data) {
            return data == null ? null : data.getBytes(StandardCharsets.UTF_8);
        }
    }
}
