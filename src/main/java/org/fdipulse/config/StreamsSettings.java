package org.fdipulse.config;

import java.util.Properties;
import org.fdipulse.serde.registry.RegistrySettings;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration the job runs with: the user's properties over these defaults.
 *
 * <p>{@code exactly_once_v2}: every total is kept by subtracting old values and adding new ones across repartition
 * topics; a replay after a crash under at-least-once would count some of them twice.
 *
 * <p>The exception handlers. The job reads its inputs as bytes and rejects bad ones itself (intake writes them to the
 * dead-letter topic with {@code error.reason}), so what reaches a handler is a bug or a fault of the cluster. The
 * deserialization and processing exception handlers are not set here: Kafka Streams' defaults (log and fail) apply,
 * the processing one on the global thread too (below), unless the user sets others. The production exception
 * handler is not set here either: {@code PulseApp} sets its own, {@code DeadLetterRefusals}, in place of any the user
 * sets (which it logs), and that one acts as the default (retry when retriable, else fail) but for a dead letter the
 * topic refuses as too large. Kafka Streams' own dead-letter queue (KIP-1034,
 * {@code errors.dead.letter.queue.topic.name}) is left unset: its handlers would write the bytes of internal records,
 * without {@code error.reason}, where users expect input records. A failure does not stop the job: it ends its stream thread, which {@code PulseApp}'s uncaught
 * exception handler ({@code ThreadFailures}) logs, counts and replaces. Only a failure on the job's global thread
 * (the rate book), which Kafka Streams cannot replace, stops the job: its Kafka Streams client goes to ERROR.
 */
public final class StreamsSettings {

    public static final String DEFAULT_APPLICATION_ID = "fdi-pulse";
    public static final String RATE_REJECTIONS_SUFFIX = "-rate-rejections";
    /**
     * The largest record the job writes (its producers' {@code max.request.size}) and the dead-letter topic's
     * {@code max.message.bytes} when the job creates it: room for an input of the broker's default limit (1 MiB) with
     * its headers and the dead-letter headers. Larger dead letters are written as references ({@code DeadLetters}).
     */
    public static final int MAX_RECORD_BYTES = 2 * 1024 * 1024;

    private StreamsSettings() {
    }

    public static Properties streamsConfig(Properties overrides) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Kafka 5.0's default, taken now: 4.4 warns at every start without it. With the default (fail) handler a
        // processing error stops the job on the global thread as on the others, with it or without it.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        // The same again for the main consumer: its partition assignor (classic rebalance protocol) re-reads the
        // consumer's settings as a StreamsConfig (AssignorConfiguration), whose constructor logs "Processing exception
        // handler is not enabled for the GlobalThread" once per application at every start when this Streams-only
        // setting is missing there. The consumer itself ignores it.
        props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), "true");
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        // Nothing in the job depends on the order of records across partitions (ledgers order by revision and
        // occurredAt, rollups add and subtract), so a task never waits for an empty partition. It also skips the
        // per-record log strings Kafka Streams formats while deciding whether to wait: 17% of the stream thread's
        // time in the benchmark's profile, for the ledger tasks that read an input and its repartition topic.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, String.valueOf(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        // The rules read occurredAt, never the record's timestamp; a negative one must not stop the job.
        props.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, LenientTimestampExtractor.class.getName());
        props.putAll(overrides);
        // The registry's settings are the job's, read by PulseSettings: its password must not travel into every Kafka
        // client Kafka Streams creates, each of which logs the names of the settings it does not know.
        RegistrySettings.NAMES.forEach(props::remove);
        // A prefixed setting would win over the user's plain max.request.size, so the default goes in only without one.
        if (!props.containsKey(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)) {
            props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), String.valueOf(MAX_RECORD_BYTES));
        }
        return props;
    }

    /** The job's producers' {@code max.request.size}, as Kafka Streams resolves it from these settings. */
    public static long producerMaxRequestBytes(Properties overrides) {
        Properties props = streamsConfig(overrides);
        String value = props.getProperty(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                props.getProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("producer.max.request.size '" + value + "' is not a whole number of bytes");
        }
    }

    /** The configuration of the companion application that dead-letters invalid rates: its own application.id. */
    public static Properties rateRejectionsConfig(Properties overrides) {
        Properties props = streamsConfig(overrides);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG,
                props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + RATE_REJECTIONS_SUFFIX);
        return props;
    }
}
