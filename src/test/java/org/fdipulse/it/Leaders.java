package org.fdipulse.it;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.utils.Utils;

/** Who leads what in a cluster, and moving leadership, through the Admin API. */
final class Leaders {

    static final String TRANSACTION_STATE = "__transaction_state";

    private Leaders() {
    }

    /** Partition → leader id (-1 while it has none), for each partition of {@code topic}. */
    static Map<Integer, Integer> of(Admin admin, String topic) throws Exception {
        Map<Integer, Integer> leaders = new TreeMap<>();
        for (TopicPartitionInfo p : describe(admin, Set.of(topic)).get(topic).partitions()) {
            leaders.put(p.partition(), p.leader() == null ? -1 : p.leader().id());
        }
        return leaders;
    }

    /**
     * The node coordinating the transactions of an application's stream threads: the leader of the
     * {@code __transaction_state} partition their transactional ids hash to. Their ids start with the application id
     * (exactly-once v2: {@code <application.id>-<process id>-<thread>}); the companion {@code -rate-rejections}
     * application's are left out. Waits until such a transaction is known.
     */
    static int transactionCoordinator(Admin admin, String applicationId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<String> ids = new ArrayList<>();
            Set<Integer> coordinators = new TreeSet<>();
            try {
                for (TransactionListing t : admin.listTransactions().all().get()) {
                    String id = t.transactionalId();
                    if (id.startsWith(applicationId + "-") && !id.startsWith(applicationId + "-rate-rejections")) {
                        ids.add(id);
                    }
                }
                if (!ids.isEmpty()) {
                    admin.describeTransactions(ids).all().get().values().forEach(d -> coordinators.add(d.coordinatorId()));
                }
            } catch (ExecutionException e) {
                // Kafka's admin client fails listTransactions with "Unexpected key set: [BrokerKey(…)]" when a broker
                // it asks is briefly unavailable (seen once in CI, right after a partition healed): ask again.
                System.out.printf("asking for %s's transactions failed (%s); asking again%n", applicationId, e.getCause());
                ids.clear();
            }
            if (!ids.isEmpty()) {
                if (coordinators.size() == 1) {
                    int partition = Utils.abs(ids.get(0).hashCode()) % partitions(admin, TRANSACTION_STATE); // as the coordinator places it
                    System.out.printf("transactions %s: coordinator node %s, %s partition %d led by node %d%n", ids,
                            coordinators, TRANSACTION_STATE, partition, of(admin, TRANSACTION_STATE).get(partition));
                    return coordinators.iterator().next();
                }
                throw new AssertionError("the application's threads have several coordinators: " + coordinators
                        + "; run it with one stream thread");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no transaction of " + applicationId + " after 60 s");
            }
            Thread.sleep(200);
        }
    }

    /**
     * Makes {@code node} the leader of every partition of {@code topics}: a reassignment onto the same replicas with
     * {@code node} first (the preferred leader), then a preferred-leader election.
     */
    static void moveTo(Admin admin, int node, Collection<String> topics) throws Exception {
        Map<TopicPartition, Optional<NewPartitionReassignment>> reorder = new HashMap<>();
        for (TopicDescription topic : describe(admin, topics).values()) {
            for (TopicPartitionInfo p : topic.partitions()) {
                List<Integer> replicas = new ArrayList<>(p.replicas().stream().map(Node::id).toList());
                if (!replicas.remove(Integer.valueOf(node))) {
                    throw new AssertionError(topic.name() + "-" + p.partition() + " has no replica on node " + node);
                }
                replicas.add(0, node);
                reorder.put(new TopicPartition(topic.name(), p.partition()), Optional.of(new NewPartitionReassignment(replicas)));
            }
        }
        admin.alterPartitionReassignments(reorder).all().get();
        awaitCondition("reassignments done", () -> admin.listPartitionReassignments().reassignments().get().isEmpty());
        try {
            admin.electLeaders(ElectionType.PREFERRED, reorder.keySet()).all().get();
        } catch (ExecutionException alreadyPreferred) {
            // ElectionNotNeeded for partitions the node led already; the wait below is what counts
        }
        awaitCondition("node " + node + " leads " + topics, () -> {
            for (String topic : topics) {
                if (of(admin, topic).values().stream().anyMatch(leader -> leader != node)) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Every partition of every topic has a leader and all its replicas in sync: the cluster can lose a node again. */
    static void awaitAllInSync(Admin admin) throws Exception {
        awaitCondition("every replica in sync", () -> {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            for (TopicDescription topic : describe(admin, topics).values()) {
                for (TopicPartitionInfo p : topic.partitions()) {
                    if (p.leader() == null || p.isr().size() < p.replicas().size()) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    /** Every topic whose name starts with {@code prefix}: its replicas and its effective {@code min.insync.replicas}. */
    static Map<String, String> replication(Admin admin, String prefix) throws Exception {
        Set<String> topics = new TreeSet<>(admin.listTopics().names().get());
        topics.removeIf(t -> !t.startsWith(prefix));
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        Map<String, String> replication = new TreeMap<>();
        for (TopicDescription topic : describe(admin, topics).values()) {
            Set<Integer> counts = new TreeSet<>();
            topic.partitions().forEach(p -> counts.add(p.replicas().size()));
            String minIsr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name())).get("min.insync.replicas").value();
            replication.put(topic.name(), "replicas " + counts + ", min.insync.replicas " + minIsr);
        }
        return replication;
    }

    private static int partitions(Admin admin, String topic) throws Exception {
        return describe(admin, Set.of(topic)).get(topic).partitions().size();
    }

    private static Map<String, TopicDescription> describe(Admin admin, Collection<String> topics) throws Exception {
        return admin.describeTopics(topics).allTopicNames().get();
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls {@code condition} every 200 ms for up to 2 minutes; errors while nodes come and go count as "not yet". */
    static void awaitCondition(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (ExecutionException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within 2 minutes: " + what + (last == null ? "" : " (last error: " + last + ")"));
    }
}
