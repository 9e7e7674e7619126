package org.fdipulse.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.fdipulse.output.OutputFormat;
import org.fdipulse.reference.ReferenceData;
import org.fdipulse.reference.Normalized;
import org.fdipulse.rules.AlertRules;
import org.fdipulse.serde.InputDecoder;

/**
 * What the topology needs to know about its deployment, read from the same {@link Properties} that configure
 * Kafka Streams. Job settings use the {@code fdi.} prefix so they never collide with Kafka's own.
 */
public record PulseSettings(Topics topics, String reportingCurrency, ReferenceData reference, StateStoreType stateStores,
                            Duration publishInterval, Map<String, Integer> inputPartitionCounts, int deadLetterMaxBytes,
                            OutputFormat outputFormat, boolean acceptsJsonInput, AlertRules alertRules) {

    public static final String REPORTING_CURRENCY = "fdi.reporting.currency";
    public static final String DEFAULT_REPORTING_CURRENCY = "USD";
    /** How often the rollups publish the figures that changed (milliseconds); see {@code PendingPublications}. */
    public static final String PUBLISH_INTERVAL_MS = "fdi.publish.interval.ms";
    public static final long DEFAULT_PUBLISH_INTERVAL_MS = 100;
    /**
     * {@code fdi.input.partitions.<topic>}: an input topic's partition count, which the job looks up at start; without
     * it, every input record takes its ledger's repartition topic (see {@code LedgerPartitions}).
     */
    public static final String INPUT_PARTITIONS_PREFIX = "fdi.input.partitions.";
    /**
     * The dead-letter topic's {@code max.message.bytes}, which the job looks up at start; without it, the job's
     * producer limit alone bounds a dead letter (see {@code DeadLetters}).
     */
    public static final String DEAD_LETTER_MAX_MESSAGE_BYTES = "fdi.dead-letter.max.message.bytes";

    public PulseSettings {
        if (!Normalized.isCurrencyCode(reportingCurrency)) {
            throw new IllegalArgumentException("fdi.reporting.currency '" + reportingCurrency
                    + "' is not an ISO 4217 alpha-3 code; set it to e.g. USD or CNY");
        }
    }

    public static PulseSettings from(Properties props) {
        BoundedRocksDbMemory.budgetMb(props.get(BoundedRocksDbMemory.MEMORY_MB)); // checked now, not as a store opens
        String currency = Normalized.currency(props.getProperty(REPORTING_CURRENCY, DEFAULT_REPORTING_CURRENCY));
        return new PulseSettings(Topics.from(props), currency, ReferenceData.load(props),
                StateStoreType.from(props.getProperty(StateStoreType.PROPERTY)),
                Duration.ofMillis(positive(props, PUBLISH_INTERVAL_MS, DEFAULT_PUBLISH_INTERVAL_MS)),
                inputPartitionCounts(props), deadLetterMaxBytes(props),
                OutputFormat.from(props.getProperty(OutputFormat.PROPERTY)),
                InputDecoder.acceptsJson(props.getProperty(InputDecoder.FORMATS, InputDecoder.AVRO)),
                AlertRules.from(props));
    }

    /** The smaller of the job's producer limit and the dead-letter topic's: the largest dead letter both accept. */
    private static int deadLetterMaxBytes(Properties props) {
        long producerLimit = StreamsSettings.producerMaxRequestBytes(props);
        long topicLimit = positive(props, DEAD_LETTER_MAX_MESSAGE_BYTES, producerLimit);
        return (int) Math.min(Integer.MAX_VALUE, Math.min(producerLimit, topicLimit));
    }

    /** The input topic's partition count, or 0 if the job was not told it. */
    public int inputPartitions(String topic) {
        return inputPartitionCounts.getOrDefault(topic, 0);
    }

    private static Map<String, Integer> inputPartitionCounts(Properties props) {
        Map<String, Integer> counts = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith(INPUT_PARTITIONS_PREFIX)) {
                counts.put(name.substring(INPUT_PARTITIONS_PREFIX.length()), (int) positive(props, name, 1));
            }
        }
        return Map.copyOf(counts);
    }

    private static long positive(Properties props, String name, long defaultValue) {
        return PositiveSetting.of(name, props.getProperty(name, String.valueOf(defaultValue)), Long.MAX_VALUE,
                "a positive whole number", null).orElseThrow();
    }
}
