package org.fdipulse.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one), running inside this JVM from the Kafka 4.4 jars.
 * Used by {@code broker}, {@code run --embedded-broker}, {@code demo} and the integration tests.
 *
 * <p>{@link #start} runs a single node, with the settings a single node needs (replication factor 1 everywhere).
 * {@link #startClusterNode} runs one node of a multi-node cluster (see {@link ClusterNode}): three replicas and two in
 * sync for the internal topics and for new topics, so that one node can be lost without losing a committed record.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final int START_ATTEMPTS = 5;

    private final KafkaRaftServer server;
    private final String bootstrap;
    private final int port;

    private EmbeddedBroker(KafkaRaftServer server, String bootstrap, int port) {
        this.server = server;
        this.bootstrap = bootstrap;
        this.port = port;
    }

    /**
     * Starts a broker on {@code port} (0: any free port) with its logs in {@code dataDir}, formatting the directory
     * when it is new. A directory that holds a broker's data already is reused, topics and all.
     */
    public static EmbeddedBroker start(int port, Path dataDir) {
        for (int attempt = 1; ; attempt++) {
            int brokerPort = port != 0 ? port : freePort();
            int controllerPort = freePort();
            try {
                return startOn(brokerPort, controllerPort, dataDir);
            } catch (RuntimeException e) {
                // A free port found by the OS can be taken by someone else before the broker binds it.
                if (attempt >= START_ATTEMPTS || !causedByBind(e)) {
                    throw e;
                }
                LOG.info("port {} or {} was taken before the broker could bind it; trying other ports", brokerPort, controllerPort);
            }
        }
    }

    private static EmbeddedBroker startOn(int brokerPort, int controllerPort, Path dataDir) {
        return startWith(serverProperties(brokerPort, controllerPort, dataDir), brokerPort, dataDir, Uuid.randomUuid().toString(),
                "single node");
    }

    /**
     * Starts one node of a multi-node cluster, formatting {@code dataDir} with the cluster's id when it is new. It
     * returns once the node has joined the quorum and caught up with its metadata, so a first node waits for a second.
     */
    public static EmbeddedBroker startClusterNode(ClusterNode node, Path dataDir) {
        return startWith(clusterNodeProperties(node, dataDir), node.port(), dataDir, node.clusterId(),
                "node " + node.nodeId() + " of a " + node.quorumSize() + "-node quorum, cluster " + node.clusterId());
    }

    private static EmbeddedBroker startWith(Properties props, int brokerPort, Path dataDir, String clusterId, String role) {
        try {
            Files.createDirectories(dataDir);
            Path propsFile = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(propsFile)) {
                props.store(out, "written by fdi-pulse for its embedded broker");
            }
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                format(propsFile, clusterId);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                server.shutdown();
                server.awaitShutdown();
                throw e;
            }
            String bootstrap = props.getProperty("advertised.listeners").substring("PLAINTEXT://".length());
            LOG.info("Kafka broker (KRaft, {}) listening on {}, data in {}", role, bootstrap, dataDir);
            return new EmbeddedBroker(server, bootstrap, brokerPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the broker's data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker on port {} stopped", port);
    }

    /**
     * The settings of a single node (broker and controller, replication factor 1 for Kafka's own topics) with a
     * PLAINTEXT listener on {@code brokerPort}: a base that a broker with other listeners (e.g. the tests' SASL_SSL
     * one) changes only where it differs.
     */
    public static Properties serverProperties(int brokerPort, int controllerPort, Path dataDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toAbsolutePath().toString());
        p.put("num.partitions", "4");
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The cleaner's dedupe buffer defaults to 128 MiB of heap; compaction of a demo's topics needs far less.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        return p;
    }

    /**
     * A node of a multi-node cluster: the single-node settings with this node's id, the whole quorum as static voters
     * (every node formatted with the same cluster id), listeners on the host its quorum entry names, and replication.
     */
    static Properties clusterNodeProperties(ClusterNode node, Path dataDir) {
        Properties p = serverProperties(node.port(), node.controllerPort(), dataDir);
        String host = ClusterNode.voters(node.quorum()).get(node.nodeId());
        host = host.substring(0, host.lastIndexOf(':'));
        String rf = String.valueOf(node.replicationFactor());
        String minIsr = String.valueOf(node.minInSyncReplicas());
        p.put("node.id", String.valueOf(node.nodeId()));
        p.put("controller.quorum.voters", node.quorum());
        p.put("listeners", "PLAINTEXT://" + host + ":" + node.port() + ",CONTROLLER://" + host + ":" + node.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + node.port());
        p.put("offsets.topic.replication.factor", rf);
        p.put("transaction.state.log.replication.factor", rf);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("share.coordinator.state.topic.replication.factor", rf);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        // Topics created without a replication factor or min.insync.replicas of their own (the job's, Kafka Streams'
        // internal ones with replication.factor=-1) get these.
        p.put("default.replication.factor", rf);
        p.put("min.insync.replicas", minIsr);
        return p;
    }

    private static void format(Path propsFile, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c",
                propsFile.toString()}, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("formatting the broker's storage failed (exit " + exit + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
