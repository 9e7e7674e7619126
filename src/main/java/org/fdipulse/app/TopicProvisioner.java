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
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
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
 * </ul>
 */
public final class TopicProvisioner {

    public static final String PARTITIONS = "fdi.topics.partitions";
    public static final String REPLICATION_FACTOR = "fdi.topics.replication-factor";

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");
    private static final Map<String, String> KEEP_FOREVER = Map.of("retention.ms", "-1");
    private static final Map<String, String> DEAD_LETTERS = Map.of("max.message.bytes", String.valueOf(2 * 1024 * 1024));

    private TopicProvisioner() {
    }

    /** Every topic of SPEC section 2 under the configured names; returns the partition count of each. */
    public static Map<String, Integer> ensureAll(Properties config) {
        Topics t = Topics.from(config);
        return ensure(config, Map.of(
                t.investments(), Map.of(),
                t.measureUpdates(), Map.of(),
                t.fxRates(), KEEP_FOREVER,
                t.sectorSummary(), COMPACTED,
                t.servicesShare(), COMPACTED,
                t.pilotProgress(), COMPACTED,
                t.deadLetter(), DEAD_LETTERS));
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

    /** One input topic, with the settings {@link #ensureAll} would give it. */
    public static void ensureInput(Properties config, String topic) {
        ensure(config, Map.of(topic, topic.equals(Topics.from(config).fxRates()) ? KEEP_FOREVER : Map.of()));
    }

    private static Map<String, Integer> ensure(Properties config, Map<String, Map<String, String>> wanted) {
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        Optional<Integer> partitions = Optional.ofNullable(config.getProperty(PARTITIONS)).map(String::trim).map(Integer::valueOf);
        Optional<Short> replication = Optional.ofNullable(config.getProperty(REPLICATION_FACTOR)).map(String::trim).map(Short::valueOf);
        try (Admin admin = Admin.create(adminProps)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            wanted.forEach((name, configs) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, replication).configs(configs));
                }
            });
            for (var result : admin.createTopics(missing).values().entrySet()) { // none to create: no request
                try {
                    result.getValue().get();
                    LOG.info("created topic {}", result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey() + ": "
                                + e.getCause().getMessage() + "; create it yourself or check the broker's permissions", e);
                    }
                }
            }
            return partitionCounts(admin, wanted.keySet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list the topics of " + config.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + ": " + e.getCause().getMessage() + "; is the broker running?", e);
        }
    }
}
