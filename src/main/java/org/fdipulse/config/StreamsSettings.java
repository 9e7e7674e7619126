package org.fdipulse.config;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration the job runs with: the user's properties over these defaults.
 *
 * <ul>
 *   <li>{@code exactly_once_v2}: every total is kept by subtracting old values and adding new ones across
 *       repartition topics; a replay after a crash under at-least-once would count some of them twice.</li>
 *   <li>the KIP-1034 dead-letter topic is the job's own, so records dead-lettered by Kafka Streams' built-in
 *       handlers (when a user enables them) land beside the job's rejections.</li>
 * </ul>
 */
public final class StreamsSettings {

    public static final String DEFAULT_APPLICATION_ID = "fdi-pulse";

    private StreamsSettings() {
    }

    public static Properties streamsConfig(Properties overrides) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.from(overrides).deadLetter());
        props.putAll(overrides);
        return props;
    }
}
