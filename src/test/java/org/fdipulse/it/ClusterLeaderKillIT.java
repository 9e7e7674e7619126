package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * On a three-node cluster, the node that leads every output partition and coordinates the job's transactions is
 * killed (SIGKILL) mid-stream, and started again later on its data. The job carries on with the two others, with no
 * restart, and every figure equals the model's: no committed output lost with the node, nothing counted twice.
 */
@DisplayName("reliability: three brokers; the leader of the outputs and of the job's transactions is killed mid-stream")
@ResourceLock(SharedCluster.LOCK)
@Order(SharedCluster.ORDER)
class ClusterLeaderKillIT {

    @AfterAll
    static void releaseCluster() {
        SharedCluster.finished(ClusterLeaderKillIT.class);
    }


    @Test
    @DisplayName("SIGKILL the leader of the outputs and of __transaction_state mid-stream: figures equal the model's")
    void leaderKilledMidStream() throws Exception {
        ThreeNodeCluster cluster = SharedCluster.get();
        Admin admin = cluster.admin();
        RandomData data = RandomData.generate("cluster-leader", 5000, 61);
        Deployment d = new Deployment("cluster-leader", cluster.bootstrapServers());
        String group = d.name + "-usd";
        String investments = d.inputTopic("investments");
        try {
            d.ingest("fx-rates", data.rates());
            int port = Deployment.freePort();
            try (Jar.Running job = d.run("USD", port, SharedCluster.JOB_SETTINGS)) {
                JobHttp.awaitHealthy(port, job);
                Leaders.replication(admin, d.name).forEach((topic, replication) -> {
                    System.out.println(topic + ": " + replication);
                    assertEquals("replicas [3], min.insync.replicas 2", replication, topic);
                });
                int victim = Leaders.transactionCoordinator(admin, group);
                List<String> outputs = List.of(d.outputTopic("services-share", "USD"), d.outputTopic("sector-summary", "USD"),
                        d.outputTopic("pilot-progress", "USD"));
                Leaders.moveTo(admin, victim, outputs);
                System.out.printf("node %d leads %s and coordinates the job's transactions%n", victim, outputs);

                Jar.Running sendingInvestments = d.startIngest("investments", data.investments());
                Jar.Running sendingMeasures = d.startIngest("measures", data.measures());
                long lines = Files.readAllLines(data.investments()).size();
                GroupWatch.awaitCommitted(admin, group, investments, lines / 4, job); // mid-stream
                long atKill = GroupWatch.committed(admin, group, investments);
                cluster.kill(victim);
                long killed = System.nanoTime();

                double resumed = GroupWatch.awaitCommitted(admin, group, investments, atKill + 1, job);
                System.out.printf("[measured] node %d killed: the job committed again %.1f s later; output leaders now %s,"
                        + " transactions coordinated by node %d%n", victim, resumed, Leaders.of(admin, outputs.get(0)),
                        Leaders.transactionCoordinator(admin, group));
                cluster.restart(victim); // back on its data, while the job is still working through the input
                System.out.printf("[measured] node %d back %.1f s after the kill%n", victim, (System.nanoTime() - killed) / 1e9);
                assertEquals(0, sendingInvestments.awaitExit(Duration.ofMinutes(2)), "ingest of investments");
                assertEquals(0, sendingMeasures.awaitExit(Duration.ofMinutes(2)), "ingest of measures");

                d.assertMatches(data.model(), job);
                System.out.printf("[measured] every figure exact %.1f s after the kill%n", (System.nanoTime() - killed) / 1e9);
                assertTrue(job.isAlive(), "the job never stopped");
                job.assertStopsCleanly();
            }
        } finally {
            cluster.restoreAll();
        }
    }
}
