package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A zombie: one of two instances is frozen (SIGSTOP) mid-stream, mid-transaction, for longer than its session
 * timeout. The other takes over its tasks. When the frozen one is let go (SIGCONT) it carries on as if nothing had
 * happened, and tries to finish what it was doing: Kafka must refuse its writes (it is fenced), and it rejoins.
 * Nothing it did while a zombie may show in the figures, which must equal the model's.
 */
@DisplayName("reliability: three brokers; a paused instance loses its tasks, is fenced when it wakes, nothing counted twice")
@ResourceLock(SharedCluster.LOCK)
@Order(SharedCluster.ORDER)
class ClusterZombieFencingIT {

    @AfterAll
    static void releaseCluster() {
        SharedCluster.finished(ClusterZombieFencingIT.class);
    }

    /**
     * What the zombie logs on waking: Kafka Streams' own words when it finds it dropped out of the group first, or the
     * job's when the broker refuses its commit with INVALID_TXN_STATE first (see ThreadFailures). Which comes first
     * is a race.
     */
    private static final Pattern FENCED = Pattern.compile("thread is being fenced|TaskMigratedException|ProducerFenced"
            + "|InvalidProducerEpoch|had already aborted this instance's open transaction");

    @Test
    @DisplayName("SIGSTOP one of two instances past its session timeout, SIGCONT it after the takeover: figures exact")
    void pausedInstanceIsFenced() throws Exception {
        try (TwoInstancesMidStream two = TwoInstancesMidStream.startWithInputThatOnlyGrows("cluster-zombie", 5000, 67)) {
            Jar.Running a = two.a;
            int logBefore = a.err().length(); // what A logs from here on is what it makes of the pause
            a.pause();
            long paused = System.nanoTime();
            Map<Integer, Long> atPause = two.committedByPartition();
            double takeover;
            double everyPartition;
            try {
                takeover = two.awaitBAlone(); // A's session expired; B is given its tasks
                // B can go on with A's tasks only once A's open transaction is aborted (transaction.timeout.ms)
                everyPartition = two.awaitEveryPartitionPast(atPause) + takeover;
            } finally {
                a.resume();
            }
            System.out.printf("[measured] A paused %.1f s; B alone in the group %.1f s after the pause, committing on"
                    + " every input partition (A's too) %.1f s after the pause%n", (System.nanoTime() - paused) / 1e9,
                    takeover, everyPartition);

            long resumed = System.nanoTime();
            Leaders.awaitCondition("A reports it was fenced", () -> {
                assertTrue(a.isAlive(), "the paused instance stopped when it woke: " + a.err().substring(logBefore));
                return FENCED.matcher(a.err().substring(logBefore)).find();
            });
            GroupWatch.awaitMembers(two.admin, two.group, 2);
            System.out.printf("[measured] A fenced and back in the group %.1f s after SIGCONT; its log says: %s%n",
                    (System.nanoTime() - resumed) / 1e9, firstLine(a.err().substring(logBefore), FENCED));

            two.assertFiguresExact();
            System.out.printf("[measured] every figure exact %.1f s after SIGCONT%n", (System.nanoTime() - resumed) / 1e9);
            assertTrue(a.isAlive() && two.b.isAlive(), "both instances still run");
            a.assertStopsCleanly();
            two.b.assertStopsCleanly();
        }
    }

    private static String firstLine(String log, Pattern pattern) {
        return log.lines().filter(l -> pattern.matcher(l).find()).findFirst().orElse("");
    }
}
