package org.fdipulse.it;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * One three-node cluster for all cluster tests of this JVM, started on first use, and stopped once every cluster test
 * class has finished (or at exit, when only some of them run): three idle brokers cost the tests that come after
 * them most of a core. Each test kills what it likes but restores every node, replicas in sync, before it ends
 * ({@link ThreeNodeCluster#restoreAll()}).
 */
final class SharedCluster {

    /**
     * How a job runs on the cluster: its own topics and Kafka Streams' internal ones with three replicas, two of them
     * in sync to accept a write (the brokers' default, and {@code fdi.topics.min-insync-replicas} where the job knows it);
     * a 6 s session timeout (the brokers' minimum) so that an instance that stops heartbeating loses its tasks quickly.
     */
    static final String[] JOB_SETTINGS = {"replication.factor=3", "fdi.topics.replication-factor=3",
        "fdi.topics.min-insync-replicas=2", "session.timeout.ms=6000", "heartbeat.interval.ms=1500"};

    /**
     * Held by each cluster test class while it runs (JUnit's {@code @ResourceLock}): they kill and pause nodes and
     * instances, so two of them must not run side by side, although each may run beside a test of another kind.
     */
    static final String LOCK = "three-node cluster";

    /**
     * The cluster test classes start first ({@code @Order}, pom.xml): they are the longest and run one after the
     * other, so the other tests fill the time beside them instead of waiting for them at the end.
     */
    static final int ORDER = 1;

    /** The test classes that use the cluster; each says when it is done ({@link #finished}). */
    private static final Set<Class<?>> USERS = Set.of(ClusterLeaderKillIT.class, ClusterZombieFencingIT.class,
            ClusterInstanceKillIT.class);
    private static final Set<Class<?>> FINISHED = new HashSet<>();
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

    /** A cluster test class is done with the cluster; the last one stops it. */
    static synchronized void finished(Class<?> user) {
        FINISHED.add(user);
        if (FINISHED.containsAll(USERS) && cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    static String[] jobSettings(String... more) {
        String[] all = Arrays.copyOf(JOB_SETTINGS, JOB_SETTINGS.length + more.length);
        System.arraycopy(more, 0, all, JOB_SETTINGS.length, more.length);
        return all;
    }
}
