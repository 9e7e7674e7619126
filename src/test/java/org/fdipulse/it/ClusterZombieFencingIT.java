package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A zombie: one of two instances is frozen (SIGSTOP) mid-stream, mid-transaction, for longer than its session
 * timeout. The other takes over its tasks. When the frozen one is let go (SIGCONT) it carries on as if nothing had
 * happened, and tries to finish what it was doing: Kafka must refuse its writes (it is fenced), and it rejoins.
 * Nothing it did while a zombie may show in the figures, which must equal the model's.
 */
@DisplayName("reliability: three brokers; a paused instance loses its tasks, is fenced when it wakes, nothing counted twice")
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
        ThreeNodeCluster cluster = SharedCluster.get();
        Admin admin = cluster.admin();
        RandomData data = RandomData.generate("cluster-zombie", 5000, 67);
        Deployment d = new Deployment("cluster-zombie", cluster.bootstrapServers());
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

                int logBefore = a.err().length(); // what A logs from here on is what it makes of the pause
                a.pause();
                long paused = System.nanoTime();
                Map<Integer, Long> atPause = GroupWatch.committedByPartition(admin, group, investments);
                double takeover;
                double everyPartition;
                try {
                    takeover = GroupWatch.awaitMembers(admin, group, 1); // A's session expired; B is given its tasks
                    // B can go on with A's tasks only once A's open transaction is aborted (transaction.timeout.ms)
                    everyPartition = GroupWatch.awaitEveryPartitionPast(admin, group, investments, atPause, b) + takeover;
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
                GroupWatch.awaitMembers(admin, group, 2);
                System.out.printf("[measured] A fenced and back in the group %.1f s after SIGCONT; its log says: %s%n",
                        (System.nanoTime() - resumed) / 1e9, firstLine(a.err().substring(logBefore), FENCED));
                assertEquals(0, sendingInvestments.awaitExit(Duration.ofMinutes(2)), "ingest of investments");
                assertEquals(0, sendingMeasures.awaitExit(Duration.ofMinutes(2)), "ingest of measures");

                d.assertMatches(data.model(), b);
                System.out.printf("[measured] every figure exact %.1f s after SIGCONT%n", (System.nanoTime() - resumed) / 1e9);
                assertTrue(a.isAlive() && b.isAlive(), "both instances still run");
                a.assertStopsCleanly();
                b.assertStopsCleanly();
            }
        } finally {
            cluster.restoreAll();
        }
    }

    private static String firstLine(String log, Pattern pattern) {
        return log.lines().filter(l -> pattern.matcher(l).find()).findFirst().orElse("");
    }
}
