package org.fdipulse.it;

/**
 * One three-node cluster for all cluster tests of this JVM, started on first use and killed at exit. Each test kills
 * what it likes but restores every node, replicas in sync, before it ends ({@link ThreeNodeCluster#restoreAll()}).
 */
final class SharedCluster {

    /**
     * How a job runs on the cluster: its own topics and Kafka Streams' internal ones with three replicas, two of them
     * in sync to accept a write (the brokers' default, and {@code fdi.topics.min-insync-replicas} where the job knows it);
     * a 6 s session timeout (the brokers' minimum) so that an instance that stops heartbeating loses its tasks quickly.
     */
    static final String[] JOB_SETTINGS = {"replication.factor=3", "fdi.topics.replication-factor=3",
        "fdi.topics.min-insync-replicas=2", "session.timeout.ms=6000", "heartbeat.interval.ms=1500"};

    private static ThreeNodeCluster cluster;

    private SharedCluster() {
    }

    static synchronized ThreeNodeCluster get() throws Exception {
        if (cluster == null) {
            cluster = ThreeNodeCluster.start();
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "it-cluster-shutdown"));
        }
        return cluster;
    }

    static String[] jobSettings(String... more) {
        String[] all = java.util.Arrays.copyOf(JOB_SETTINGS, JOB_SETTINGS.length + more.length);
        System.arraycopy(more, 0, all, JOB_SETTINGS.length, more.length);
        return all;
    }
}
