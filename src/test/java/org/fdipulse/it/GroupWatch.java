package org.fdipulse.it;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a job's consumer group has got, and who is in it: conditions to wait for instead of sleeping ("mid-stream",
 * "the other instance has taken over", "committing again").
 */
final class GroupWatch {

    /** How long a job's groups must commit nothing new to count as idle: five of the tests' 200 ms commit intervals. */
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

    private GroupWatch() {
    }

    /** Offsets the group has committed on {@code topic}, summed over its partitions: records it has fully processed. */
    static long committed(Admin admin, String group, String topic) throws Exception {
        return committedByPartition(admin, group, topic).values().stream().mapToLong(Long::longValue).sum();
    }

    static Map<Integer, Long> committedByPartition(Admin admin, String group, String topic) throws Exception {
        Map<Integer, Long> offsets = new TreeMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                offsets.put(partition.partition(), offset.offset());
            }
        });
        return offsets;
    }

    /**
     * Waits until the group has committed past {@code before} on every partition of {@code topic} that had records
     * left to process then: every task has moved on, those of a lost instance included. Returns the seconds it took.
     */
    static double awaitEveryPartitionPast(Admin admin, String group, String topic, Map<Integer, Long> before, Jar.Running job)
            throws Exception {
        long start = System.nanoTime();
        Leaders.awaitCondition(group + " committed on every partition of " + topic + " past " + before, () -> {
            if (!job.isAlive()) {
                throw new AssertionError("the job stopped: " + job.err());
            }
            Map<Integer, Long> now = committedByPartition(admin, group, topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            before.keySet().forEach(p -> latest.put(new TopicPartition(topic, p), OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return before.entrySet().stream().allMatch(e -> {
                long end = ends.get(new TopicPartition(topic, e.getKey())).offset();
                long committed = now.getOrDefault(e.getKey(), 0L);
                return committed > e.getValue() || committed >= end;
            });
        });
        return (System.nanoTime() - start) / 1e9;
    }

    /** Members of the group now (an instance paused or killed stays one until its session times out). */
    static int members(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members().size();
    }

    /** Waits until the group has committed at least {@code records} on {@code topic}; returns the seconds it took. */
    static double awaitCommitted(Admin admin, String group, String topic, long records, Jar.Running job) throws Exception {
        long start = System.nanoTime();
        Leaders.awaitCondition(group + " committed " + records + " records of " + topic, () -> {
            if (!job.isAlive()) {
                throw new AssertionError("the job stopped: " + job.err());
            }
            return committed(admin, group, topic) >= records;
        });
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Places a fault by progress: waits until the group has committed {@code records} of {@code topic}, then asserts that
     * it has not yet committed all {@code total} (a fault after the end would prove nothing), prints where it lands, and
     * returns the committed count.
     */
    static long awaitMidStream(Admin admin, String group, String topic, long records, long total, Jar.Running job,
                               String fault) throws Exception {
        awaitCommitted(admin, group, topic, records, job);
        long committed = committed(admin, group, topic);
        org.junit.jupiter.api.Assertions.assertTrue(committed < total,
                fault + " lands mid-stream: " + committed + " of " + total + " committed");
        System.out.printf("[measured] %s at %d of %d records of %s committed%n", fault, committed, total, topic);
        return committed;
    }

    /**
     * Waits until the consumer groups whose ids start with {@code groupPrefix} have committed every record of
     * {@code inputTopics} and then nothing new for a second: a job through its input and idle, whose outputs will stay
     * as they are. True if so within {@code limit}; false if not, or if the broker will not say (e.g. no right to
     * describe groups): a hint for when to look, never a verdict.
     */
    static boolean awaitQuiet(Admin admin, String groupPrefix, Collection<String> inputTopics, Jar.Running job, Duration limit)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, Map<TopicPartition, Long>> last = null;
        long sameSince = System.nanoTime();
        try {
            while (System.nanoTime() < deadline) {
                if (!job.isAlive()) {
                    return false; // the caller's own checks say what became of it
                }
                Map<String, Map<TopicPartition, Long>> now = committedByGroup(admin, groupPrefix);
                if (!now.equals(last) || !throughInput(admin, now, inputTopics)) {
                    last = now;
                    sameSince = System.nanoTime();
                } else if (System.nanoTime() - sameSince >= QUIET_NANOS) {
                    return true;
                }
                Thread.sleep(250);
            }
        } catch (ExecutionException | TimeoutException brokerWillNotSay) {
            return false;
        }
        return false;
    }

    private static Map<String, Map<TopicPartition, Long>> committedByGroup(Admin admin, String groupPrefix) throws Exception {
        Map<String, Map<TopicPartition, Long>> byGroup = new TreeMap<>();
        for (GroupListing group : admin.listGroups().all().get(10, TimeUnit.SECONDS)) {
            if (group.groupId().startsWith(groupPrefix)) {
                Map<TopicPartition, Long> offsets = new HashMap<>();
                admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                        .forEach((partition, offset) -> {
                            if (offset != null) {
                                offsets.put(partition, offset.offset());
                            }
                        });
                byGroup.put(group.groupId(), offsets);
            }
        }
        return byGroup;
    }

    /** Every record of every existing input topic committed by some group, and no group behind on one it reads. */
    private static boolean throughInput(Admin admin, Map<String, Map<TopicPartition, Long>> committed, Collection<String> inputTopics)
            throws Exception {
        Set<String> existing = new HashSet<>(admin.listTopics().names().get(10, TimeUnit.SECONDS));
        existing.retainAll(inputTopics);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(existing).allTopicNames().get(10, TimeUnit.SECONDS).values().forEach(t -> t.partitions()
                .forEach(p -> latest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
        var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        for (var end : ends.entrySet()) {
            long endOffset = end.getValue().offset();
            boolean someoneThrough = endOffset == 0;
            for (Map<TopicPartition, Long> offsets : committed.values()) {
                Long offset = offsets.get(end.getKey());
                if (offset != null && offset < endOffset) {
                    return false;
                }
                someoneThrough |= offset != null;
            }
            if (!someoneThrough) {
                return false;
            }
        }
        return true;
    }

    static double awaitMembers(Admin admin, String group, int count) throws Exception {
        long start = System.nanoTime();
        Leaders.awaitCondition(group + " has " + count + " members", () -> members(admin, group) == count);
        return (System.nanoTime() - start) / 1e9;
    }
}
