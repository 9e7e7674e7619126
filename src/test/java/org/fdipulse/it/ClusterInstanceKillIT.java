package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * On a three-node cluster, one of two instances of the job is killed (SIGKILL) mid-stream and not restarted. The
 * other takes over its tasks once its session times out and its open transaction is aborted; every figure equals the
 * model's, although the killed instance's last transaction was cut off half-way.
 */
@DisplayName("reliability: three brokers; SIGKILL of one of two instances mid-stream, the other finishes exactly")
class ClusterInstanceKillIT {

    @AfterAll
    static void releaseCluster() {
        SharedCluster.finished(ClusterInstanceKillIT.class);
    }


    @Test
    @DisplayName("SIGKILL one of two instances mid-stream: the other takes over and the figures equal the model's")
    void instanceKilledMidStream() throws Exception {
        ThreeNodeCluster cluster = SharedCluster.get();
        Admin admin = cluster.admin();
        RandomData data = RandomData.generate("cluster-kill", 5000, 71);
        Deployment d = new Deployment("cluster-kill", cluster.bootstrapServers());
        String group = d.name + "-usd";
        String investments = d.inputTopic("investments");
        try {
            d.ingest("fx-rates", data.rates());
            int portA = Deployment.freePort();
            int portB = Deployment.freePort();
            try (Jar.Running a = d.run("USD", portA, SharedCluster.JOB_SETTINGS);
                 Jar.Running b = d.run("USD", portB, SharedCluster.JOB_SETTINGS)) {
                JobHttp.awaitHealthy(portA, a);
                JobHttp.awaitHealthy(portB, b);
                GroupWatch.awaitMembers(admin, group, 2);
                Jar.Running sendingInvestments = d.startIngest("investments", data.investments());
                Jar.Running sendingMeasures = d.startIngest("measures", data.measures());
                GroupWatch.awaitCommitted(admin, group, investments, Files.readAllLines(data.investments()).size() / 4, b);

                a.kill();
                long killed = System.nanoTime();
                Map<Integer, Long> atKill = GroupWatch.committedByPartition(admin, group, investments);
                double takeover = GroupWatch.awaitMembers(admin, group, 1);
                double everyPartition = GroupWatch.awaitEveryPartitionPast(admin, group, investments, atKill, b) + takeover;
                System.out.printf("[measured] A killed: B alone in the group %.1f s later, committing on every input"
                        + " partition (A's too) %.1f s after the kill%n", takeover, everyPartition);
                assertEquals(0, sendingInvestments.awaitExit(Duration.ofMinutes(2)), "ingest of investments");
                assertEquals(0, sendingMeasures.awaitExit(Duration.ofMinutes(2)), "ingest of measures");

                d.assertMatches(data.model(), b);
                System.out.printf("[measured] every figure exact %.1f s after the kill%n", (System.nanoTime() - killed) / 1e9);
                assertTrue(b.isAlive(), "the surviving instance still runs");
                b.assertStopsCleanly();
            }
        } finally {
            cluster.restoreAll();
        }
    }
}
