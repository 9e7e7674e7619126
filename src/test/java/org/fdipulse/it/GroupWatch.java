package org.fdipulse.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a job's consumer group has got, and who is in it: conditions to wait for instead of sleeping ("mid-stream",
 * "the other instance has taken over", "committing again").
 */
final class GroupWatch {

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

    static double awaitMembers(Admin admin, String group, int count) throws Exception {
        long start = System.nanoTime();
        Leaders.awaitCondition(group + " has " + count + " members", () -> members(admin, group) == count);
        return (System.nanoTime() - start) / 1e9;
    }
}
