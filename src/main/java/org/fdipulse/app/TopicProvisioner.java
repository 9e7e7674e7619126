package org.fdipulse.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.StreamsConfig;
import org.fdipulse.config.KafkaClients;
import org.fdipulse.config.KafkaFailures;
import org.fdipulse.config.PositiveSetting;
import org.fdipulse.config.StreamsSettings;
import org.fdipulse.config.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the job reads and writes when they are missing, so a new user never creates one by hand.
 * Partitions and replication come from {@code fdi.topics.partitions} and {@code fdi.topics.replication-factor}
 * (the broker's defaults when unset).
 *
 * <ul>
 *   <li>Output topics are compacted: the latest record per key is the current value.</li>
 *   <li>{@code fx.rates} keeps every record forever ({@code retention.ms=-1}) and is not compacted: the rate book is
 *       rebuilt from it on every start, and one key (a currency) holds many rates over time.</li>
 *   <li>The dead-letter topic allows 2 MiB records: a dead letter is its input plus a few KB of headers.</li>
 *   <li>{@code fdi.topics.min-insync-replicas} sets {@code min.insync.replicas} on the topics it creates.</li>
 * </ul>
 *
 * <p>Topics that exist already are checked with {@link TopicSettingsCheck} (a rates topic that expires records, an
 * output topic that is not compacted), and the dead-letter topic's {@code max.message.bytes} is read, so that no
 * dead letter is larger than it accepts. The changelog of a store an earlier version kept stops the start: the
 * application's state needs a reset first ({@link TopicSettingsCheck#earlierState}).
 */
public final class TopicProvisioner {

    public static final String PARTITIONS = "fdi.topics.partitions";
    public static final String REPLICATION_FACTOR = "fdi.topics.replication-factor";
    public static final String MIN_INSYNC_REPLICAS = "fdi.topics.min-insync-replicas";

    /** What the job needs to know of its topics: their partition counts, and the largest dead letter accepted. */
    public record ProvisionedTopics(Map<String, Integer> partitions, int deadLetterMaxMessageBytes) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");
    private static final Map<String, String> KEEP_FOREVER = Map.of("retention.ms", "-1");
    private static final Map<String, String> DEAD_LETTERS = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
            String.valueOf(StreamsSettings.MAX_RECORD_BYTES));

    private TopicProvisioner() {
    }

    /**
     * Every topic of contract section 2 under the configured names, created when missing and checked when not.
     *
     * @throws IllegalStateException when an existing topic's settings would lose data (unless fdi.topics.check=warn)
     */
    public static ProvisionedTopics ensureAll(Properties config) {
        Topics t = Topics.from(config);
        Map<String, Map<String, String>> wanted = new HashMap<>();
        wanted.put(t.investments(), Map.of());
        wanted.put(t.measureUpdates(), Map.of());
        wanted.put(t.fxRates(), KEEP_FOREVER);
        t.outputs().forEach(output -> wanted.put(output, COMPACTED)); // the list the settings check reads too
        wanted.put(t.deadLetter(), DEAD_LETTERS);
        return ensure(config, wanted, true);
    }

    /**
     * The partition count of each topic. A topic just created reaches the broker's metadata a moment later, and
     * until then is unknown to it: retried for up to 30 s.
     */
    private static Map<String, Integer> partitionCounts(Admin admin, Set<String> topics)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                Map<String, Integer> counts = new HashMap<>();
                admin.describeTopics(topics).allTopicNames().get()
                        .forEach((name, description) -> counts.put(name, description.partitions().size()));
                return counts;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    /**
     * Returns once the leader of every partition of these (just created) topics answers for it. A broker publishes a new topic's metadata before its
     * replica manager takes the partition on, and a producer that writes in that moment can lose records although it
     * is idempotent (KAFKA-15591): its first request is refused as "not leader", a later one is appended, and every
     * retry of the first is then refused as out of sequence until {@code delivery.timeout.ms} drops it. A ListOffsets
     * request is answered by the same replica manager a produce request reaches, and the Admin client retries it
     * until the leader answers (at most {@code default.api.timeout.ms}).
     */
    private static void awaitLeadersServing(Admin admin, Map<String, Integer> partitionCounts)
            throws InterruptedException, ExecutionException {
        if (partitionCounts.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        partitionCounts.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                partitions.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        });
        admin.listOffsets(partitions).all().get();
    }

    /** A setting's value when it is set: a whole number from 1 to max, or an error that names the setting. */
    private static Optional<Long> positive(Properties config, String name, long max) {
        return PositiveSetting.of(name, config.getProperty(name), max, "a whole number from 1 to " + max,
                "leave it unset for the broker's default");
    }

    /** An Admin client, or an error that names the setting when the client cannot even be built (e.g. a truststore). */
    private static Admin createAdmin(Properties adminProps) {
        try {
            return Admin.create(adminProps);
        } catch (KafkaException e) {
            throw new IllegalStateException("cannot create a Kafka client with these settings: " + KafkaFailures.explain(e)
                    .orElseGet(() -> KafkaFailures.rootMessage(e) + ". Check the ssl.* and sasl.* settings"), e);
        }
    }

    /** The effective settings of each topic (its own, or the broker's default). */
    private static Map<String, Config> topicSettings(Admin admin, Set<String> topics)
            throws InterruptedException, ExecutionException {
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<String, Config> settings = new HashMap<>();
        admin.describeConfigs(resources).all().get().forEach((resource, topicConfig) -> settings.put(resource.name(), topicConfig));
        return settings;
    }

    /**
     * One input topic, with the settings {@link #ensureAll} would give it: a rates topic keeps every record, under
     * whatever name it has.
     */
    public static void ensureInput(Properties config, String topic, boolean holdsRates) {
        ensure(config, Map.of(topic, holdsRates ? KEEP_FOREVER : Map.of()), false);
    }

    private static ProvisionedTopics ensure(Properties config, Map<String, Map<String, String>> wanted, boolean check) {
        Properties adminProps = KafkaClients.admin(config);
        Optional<Integer> partitions = positive(config, PARTITIONS, Integer.MAX_VALUE).map(Long::intValue);
        Optional<Short> replication = positive(config, REPLICATION_FACTOR, Short.MAX_VALUE).map(Long::shortValue);
        Optional<String> minInsync = positive(config, MIN_INSYNC_REPLICAS, Integer.MAX_VALUE).map(String::valueOf);
        try (Admin admin = createAdmin(adminProps)) {
            Set<String> existing = admin.listTopics().names().get();
            if (check) {
                String applicationId = StreamsSettings.streamsConfig(config).getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
                TopicSettingsCheck.earlierState(existing, applicationId).ifPresent(refusal -> {
                    throw new IllegalStateException(refusal);
                });
            }
            List<NewTopic> missing = new ArrayList<>();
            wanted.forEach((name, configs) -> {
                if (!existing.contains(name)) {
                    Map<String, String> topicConfigs = new HashMap<>(configs);
                    minInsync.ifPresent(min -> topicConfigs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, min));
                    missing.add(new NewTopic(name, partitions, replication).configs(topicConfigs));
                }
            });
            for (var result : admin.createTopics(missing).values().entrySet()) { // none to create: no request
                try {
                    result.getValue().get();
                    LOG.info("created topic {}", result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey() + ": "
                                + KafkaFailures.explain(e.getCause()).orElse(e.getCause().getMessage()
                                + "; create it yourself or check the broker's permissions"), e);
                    }
                }
            }
            Map<String, Integer> counts = partitionCounts(admin, wanted.keySet());
            // only the topics just created: a topic that existed before may have a partition without a leader for
            // good reasons (brokers down), which the job rides out as Kafka Streams does, and should not stop the start
            Map<String, Integer> created = new HashMap<>(counts);
            created.keySet().retainAll(missing.stream().map(NewTopic::name).toList());
            awaitLeadersServing(admin, created);
            if (!check) {
                return new ProvisionedTopics(counts, 0);
            }
            Map<String, Config> settings = topicSettings(admin, wanted.keySet());
            TopicSettingsCheck.of(config).verify(Topics.from(config), settings);
            String deadLetterLimit = settings.get(Topics.from(config).deadLetter())
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value();
            return new ProvisionedTopics(counts, Integer.parseInt(deadLetterLimit));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create or check the job's topics: " + KafkaFailures.explainOrUnreachable(
                    e.getCause(), config.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)), e);
        }
    }
}
