package org.fdipulse.it;

import org.apache.kafka.clients.admin.Admin;

/**
 * How far a job's consumer group has got, and who is in it: conditions to wait for instead of sleeping ("mid-stream",
 * "the other instance has taken over", "committing again").
 */
final class GroupWatch {

    private GroupWatch() {
    }

    /** Offsets the group has committed on {@code topic}, summed over its partitions: records it has fully processed. */
    static long committed(Admin admin, String group, String topic) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /** Members of the group now (an instance paused or killed stays one until its session times out). */
    static int members(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(java.util.List.of(group)).describedGroups().get(group).get().members().size();
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
