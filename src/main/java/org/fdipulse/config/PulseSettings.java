package org.fdipulse.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.fdipulse.output.OutputFormat;
import org.fdipulse.reference.ReferenceData;
import org.fdipulse.reference.Normalized;
import org.fdipulse.rules.AlertRules;
import org.fdipulse.serde.InputFormats;
import org.fdipulse.serde.registry.RegistrySettings;
import org.fdipulse.serde.registry.SchemaRegistryClient;

/**
 * What the topology needs to know about its deployment, read from the same {@link Properties} that configure
 * Kafka Streams. Job settings use the {@code fdi.} prefix so they never collide with Kafka's own.
 *
 * <p>Two facts are not the user's settings but the cluster's, which {@code PulseApp} looks up at start and hands over
 * with {@link #withInputPartitions} and {@link #withDeadLetterTopicLimit}: the input topics' partition counts and the
 * dead-letter topic's {@code max.message.bytes}. Without them (a topology built from settings alone, as in a test),
 * every input record takes its ledger's repartition topic ({@code LedgerPartitions}), and the job's producer limit
 * alone bounds a dead letter ({@code DeadLetters}).
 */
public record PulseSettings(Topics topics, String reportingCurrency, ReferenceData reference, StateStoreType stateStores,
                            Duration publishInterval, Map<String, Integer> inputPartitionCounts, int deadLetterMaxBytes,
                            OutputFormat outputFormat, InputFormats inputFormats, Optional<SchemaRegistryClient> registry,
                            AlertRules alertRules) {

    public static final String REPORTING_CURRENCY = "fdi.reporting.currency";
    public static final String DEFAULT_REPORTING_CURRENCY = "USD";
    /** How often the rollups publish the figures that changed (milliseconds); see {@code PendingPublications}. */
    public static final String PUBLISH_INTERVAL_MS = "fdi.publish.interval.ms";
    public static final long DEFAULT_PUBLISH_INTERVAL_MS = 100;

    public PulseSettings {
        if (!Normalized.isCurrencyCode(reportingCurrency)) {
            throw new IllegalArgumentException("fdi.reporting.currency '" + reportingCurrency
                    + "' is not an ISO 4217 alpha-3 code; set it to e.g. USD or CNY");
        }
    }

    public static PulseSettings from(Properties props) {
        BoundedRocksDbMemory.budgetMb(props.get(BoundedRocksDbMemory.MEMORY_MB)); // checked now, not as a store opens
        String currency = Normalized.currency(props.getProperty(REPORTING_CURRENCY, DEFAULT_REPORTING_CURRENCY));
        Optional<SchemaRegistryClient> registry = RegistrySettings.from(props).map(SchemaRegistryClient::new);
        OutputFormat outputFormat = OutputFormat.from(props.getProperty(OutputFormat.PROPERTY));
        if (outputFormat == OutputFormat.CONFLUENT_AVRO && registry.isEmpty()) {
            throw new IllegalArgumentException(OutputFormat.PROPERTY + "=confluent-avro needs " + RegistrySettings.URL
                    + "; give the registry's URL");
        }
        return new PulseSettings(Topics.from(props), currency, ReferenceData.load(props),
                StateStoreType.from(props.getProperty(StateStoreType.PROPERTY)),
                Duration.ofMillis(positive(props, PUBLISH_INTERVAL_MS, DEFAULT_PUBLISH_INTERVAL_MS)),
                Map.of(), producerMaxBytes(props),
                outputFormat, InputFormats.parse(props.getProperty(InputFormats.PROPERTY), registry), registry,
                AlertRules.from(props));
    }

    /** The job's producer limit: the largest dead letter it can write, until the dead-letter topic's is known. */
    private static int producerMaxBytes(Properties props) {
        return (int) Math.min(Integer.MAX_VALUE, StreamsSettings.producerMaxRequestBytes(props));
    }

    /**
     * These settings with the partition count of each input topic, as the cluster has them (looked up at start).
     *
     * @param inputPartitionCounts by topic name, each at least 1
     */
    public PulseSettings withInputPartitions(Map<String, Integer> inputPartitionCounts) {
        inputPartitionCounts.forEach((topic, count) -> {
            if (count < 1) {
                throw new IllegalArgumentException("topic " + topic + " has " + count + " partitions");
            }
        });
        return new PulseSettings(topics, reportingCurrency, reference, stateStores, publishInterval,
                Map.copyOf(inputPartitionCounts), deadLetterMaxBytes, outputFormat, inputFormats, registry, alertRules);
    }

    /**
     * These settings with the dead-letter topic's {@code max.message.bytes}, as the cluster has it (looked up at
     * start): the dead-letter limit becomes the smaller of it and the job's producer limit, the largest dead letter
     * both accept.
     */
    public PulseSettings withDeadLetterTopicLimit(int maxMessageBytes) {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("the dead-letter topic " + topics.deadLetter() + " has max.message.bytes "
                    + maxMessageBytes + "; set it to a positive number of bytes");
        }
        return new PulseSettings(topics, reportingCurrency, reference, stateStores, publishInterval, inputPartitionCounts,
                Math.min(deadLetterMaxBytes, maxMessageBytes), outputFormat, inputFormats, registry, alertRules);
    }

    /** The input topic's partition count, or 0 if the job was not told it. */
    public int inputPartitions(String topic) {
        return inputPartitionCounts.getOrDefault(topic, 0);
    }

    private static long positive(Properties props, String name, long defaultValue) {
        return PositiveSetting.of(name, props.getProperty(name, String.valueOf(defaultValue)), Long.MAX_VALUE,
                "a positive whole number", null).orElseThrow();
    }
}
