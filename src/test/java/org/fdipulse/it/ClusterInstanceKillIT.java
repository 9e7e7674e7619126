package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * On a three-node cluster, one of two instances of the job is killed (SIGKILL) mid-stream and not restarted. The
 * other takes over its tasks once its session times out and its open transaction is aborted; every figure equals the
 * model's, although the killed instance's last transaction was cut off half-way.
 */
@DisplayName("reliability: three brokers; SIGKILL of one of two instances mid-stream, the other finishes exactly")
@ResourceLock(SharedCluster.LOCK)
@Order(SharedCluster.ORDER)
class ClusterInstanceKillIT {

    @AfterAll
    static void releaseCluster() {
        SharedCluster.finished(ClusterInstanceKillIT.class);
    }

    @Test
    @DisplayName("SIGKILL one of two instances mid-stream: the other takes over and the figures equal the model's")
    void instanceKilledMidStream() throws Exception {
        try (TwoInstancesMidStream two = TwoInstancesMidStream.start("cluster-kill", 5000, 71)) {
            two.a.kill();
            long killed = System.nanoTime();
            Map<Integer, Long> atKill = two.committedByPartition();
            double takeover = two.awaitBAlone();
            double everyPartition = two.awaitEveryPartitionPast(atKill) + takeover;
            System.out.printf("[measured] A killed: B alone in the group %.1f s later, committing on every input"
                    + " partition (A's too) %.1f s after the kill%n", takeover, everyPartition);

            two.assertFiguresExact();
            System.out.printf("[measured] every figure exact %.1f s after the kill%n", (System.nanoTime() - killed) / 1e9);
            assertTrue(two.b.isAlive(), "the surviving instance still runs");
            two.b.assertStopsCleanly();
        }
    }
}
