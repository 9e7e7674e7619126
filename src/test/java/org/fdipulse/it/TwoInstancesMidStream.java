package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * The starting point of the cluster tests that take one of two instances away mid-stream (SIGKILL, SIGSTOP): two
 * instances A and B of one job on the shared three-node cluster, both in the group, a random history being ingested
 * in the background, and a quarter of the investments already committed. B is the one that stays; the test does what
 * it likes to A, then {@link #assertFiguresExact()}. Closing stops what still runs and restores the cluster.
 */
final class TwoInstancesMidStream implements AutoCloseable {

    /**
     * The cluster's job settings, Kafka Streams' 10 s transaction timeout included: 4 s made the takeover no quicker on
     * the loaded machine, and the survivor was fenced as well (docs/reliability.md).
     */
    private static final String[] SETTINGS = SharedCluster.JOB_SETTINGS;

    final ThreeNodeCluster cluster;
    final Admin admin;
    final Deployment deployment;
    final String group;
    final String investments;
    private final RandomData data;
    Jar.Running a;
    Jar.Running b;
    private Jar.Running sendingInvestments;
    private Jar.Running sendingMeasures;

    private TwoInstancesMidStream(String name, RandomData data) throws Exception {
        this.cluster = SharedCluster.get();
        this.admin = cluster.admin();
        this.data = data;
        this.deployment = new Deployment(name, cluster.bootstrapServers());
        this.group = deployment.name + "-usd";
        this.investments = deployment.inputTopic("investments");
    }

    /** A and B running, {@code investments} random investments (and their measures) arriving, a quarter committed. */
    static TwoInstancesMidStream start(String name, int investments, long seed) throws Exception {
        return start(name, RandomData.generate(name, investments, seed));
    }

    /**
     * As {@link #start(String, int, long)}, on input without withdrawals or revisions, so that the history checks also
     * hold every total to growing up to its final value: what a zombie's doubled write would break.
     */
    static TwoInstancesMidStream startWithInputThatOnlyGrows(String name, int investments, long seed) throws Exception {
        TwoInstancesMidStream two = start(name, RandomData.growingOnly(name, investments, seed));
        two.deployment.withInputThatOnlyGrows();
        return two;
    }

    private static TwoInstancesMidStream start(String name, RandomData data) throws Exception {
        TwoInstancesMidStream two = new TwoInstancesMidStream(name, data);
        try {
            two.startMidStream();
            return two;
        } catch (Throwable e) {
            two.close();
            throw e;
        }
    }

    private void startMidStream() throws Exception {
        deployment.ingest("fx-rates", data.rates());
        int portA = Deployment.freePort();
        int portB = Deployment.freePort();
        a = deployment.run("USD", portA, SETTINGS);
        b = deployment.run("USD", portB, SETTINGS);
        JobHttp.awaitHealthy(portA, a);
        JobHttp.awaitHealthy(portB, b);
        GroupWatch.awaitMembers(admin, group, 2);
        sendingInvestments = deployment.startIngest("investments", data.investments());
        sendingMeasures = deployment.startIngest("measures", data.measures());
        GroupWatch.awaitCommitted(admin, group, investments, Files.readAllLines(data.investments()).size() / 4, b);
    }

    Map<Integer, Long> committedByPartition() throws Exception {
        return GroupWatch.committedByPartition(admin, group, investments);
    }

    /** Waits until B is alone in the group: A's session has expired and B was given its tasks. Returns the seconds. */
    double awaitBAlone() throws Exception {
        return GroupWatch.awaitMembers(admin, group, 1);
    }

    /** Waits until B has committed past {@code before} on every input partition, A's included; returns the seconds. */
    double awaitEveryPartitionPast(Map<Integer, Long> before) throws Exception {
        return GroupWatch.awaitEveryPartitionPast(admin, group, investments, before, b);
    }

    /** Both ingests ended cleanly, and every output topic and the dead letters, read by {@code tail}, equal the model's. */
    void assertFiguresExact() throws Exception {
        assertEquals(0, sendingInvestments.awaitExit(Duration.ofMinutes(2)), "ingest of investments");
        assertEquals(0, sendingMeasures.awaitExit(Duration.ofMinutes(2)), "ingest of measures");
        deployment.assertMatches(data.model(), b);
    }

    /** Stops whatever still runs (ingests, B, A), then brings every node back with its replicas in sync. */
    @Override
    public void close() throws Exception {
        AutoCloseable restoreCluster = cluster::restoreAll;
        try (restoreCluster) {
            for (Jar.Running running : new Jar.Running[] {sendingInvestments, sendingMeasures, b, a}) {
                if (running != null) {
                    running.close();
                }
            }
        }
    }
}
