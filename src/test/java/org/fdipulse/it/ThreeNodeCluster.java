package org.fdipulse.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real three-node Kafka cluster (KRaft, every node broker and controller) made of three child JVMs running the jar's
 * {@code broker} command, as a user would start one. A node can be killed (SIGKILL) and started again on its data
 * directory. {@link #admin()} looks at leaders, replicas and groups.
 */
final class ThreeNodeCluster implements AutoCloseable {

    static final int NODES = 3;
    private static final long START_TIMEOUT_S = 90;

    /**
     * Where the nodes listen and how their processes start: on this machine's loopback with free ports, or each in a
     * network namespace of a {@link NetworkLab} on its own address (the partition tests).
     */
    private interface Placement {
        String host(int id);

        int port(int id) throws IOException;

        int controllerPort(int id) throws IOException;

        /** What goes before {@code java}: nothing, or {@code ip netns exec NS}. */
        List<String> launcher(int id);
    }

    private static final Placement LOOPBACK = new Placement() {
        public String host(int id) {
            return "127.0.0.1";
        }

        public int port(int id) throws IOException {
            return freePort();
        }

        public int controllerPort(int id) throws IOException {
            return freePort();
        }

        public List<String> launcher(int id) {
            return List.of();
        }
    };

    private final Path dir;
    private final Placement placement;
    private final String clusterId = Uuid.randomUuid().toString();
    private final String[] hosts = new String[NODES + 1];
    private final int[] ports = new int[NODES + 1];
    private final String quorum;
    private final Process[] nodes = new Process[NODES + 1];
    /** Starts of each node so far: its log (appended to) holds one "running" line per start. */
    private final int[] launches = new int[NODES + 1];
    private final Admin admin;

    private ThreeNodeCluster(Path dir, Placement placement) throws IOException {
        this.dir = dir;
        this.placement = placement;
        StringJoiner voters = new StringJoiner(",");
        for (int id = 1; id <= NODES; id++) {
            hosts[id] = placement.host(id);
            ports[id] = placement.port(id);
            voters.add(id + "@" + hosts[id] + ":" + placement.controllerPort(id));
        }
        quorum = voters.toString();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        admin = Admin.create(props);
    }

    /** Three nodes started together (each waits for the quorum), up once all three are in the cluster's metadata. */
    static ThreeNodeCluster start() throws Exception {
        return start(LOOPBACK);
    }

    /**
     * Three nodes each in its own namespace of {@code lab}, on the addresses of {@code nodes} (index 0 is node 1),
     * listening on 9092 (clients) and 9093 (the quorum): every namespace has its ports to itself.
     */
    static ThreeNodeCluster startIn(List<NetworkLab.Host> nodes) throws Exception {
        return start(new Placement() {
            public String host(int id) {
                return nodes.get(id - 1).address();
            }

            public int port(int id) {
                return 9092;
            }

            public int controllerPort(int id) {
                return 9093;
            }

            public List<String> launcher(int id) {
                return nodes.get(id - 1).launcher();
            }
        });
    }

    private static ThreeNodeCluster start(Placement placement) throws Exception {
        for (int attempt = 1; ; attempt++) {
            ThreeNodeCluster cluster = new ThreeNodeCluster(Path.of("target", "it-cluster", UUID.randomUUID().toString()), placement);
            try {
                long started = System.nanoTime();
                for (int id = 1; id <= NODES; id++) {
                    cluster.launch(id);
                }
                for (int id = 1; id <= NODES; id++) {
                    cluster.awaitRunning(id);
                }
                cluster.awaitNodesInMetadata(NODES);
                System.out.printf("[measured] three-node cluster up in %.1f s: %s%n", (System.nanoTime() - started) / 1e9,
                        cluster.bootstrapServers());
                return cluster;
            } catch (AssertionError e) {
                cluster.close();
                // a free port the OS gave us can be taken by another process before a node binds it
                if (attempt == 3) {
                    throw e;
                }
                System.out.println("the cluster did not start (" + e.getMessage().lines().findFirst().orElse("") + "); trying other ports");
            }
        }
    }

    String bootstrapServers() {
        StringJoiner all = new StringJoiner(",");
        for (int id = 1; id <= NODES; id++) {
            all.add(hosts[id] + ":" + ports[id]);
        }
        return all.toString();
    }

    Admin admin() {
        return admin;
    }

    boolean isRunning(int id) {
        return nodes[id] != null && nodes[id].isAlive();
    }

    /** SIGKILL: the node stops at once, without a controlled shutdown or a flush. */
    void kill(int id) throws InterruptedException {
        nodes[id].destroyForcibly();
        if (!nodes[id].waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("node " + id + " did not die on SIGKILL");
        }
    }

    /** Starts a stopped node again on its data directory; returns once it serves (it then catches up on its own). */
    void restart(int id) throws Exception {
        if (isRunning(id)) {
            throw new IllegalStateException("node " + id + " is running");
        }
        launch(id);
        awaitRunning(id);
    }

    /** Every node running and every replica of every partition, internal topics included, back in sync. */
    void restoreAll() throws Exception {
        for (int id = 1; id <= NODES; id++) {
            if (!isRunning(id)) {
                restart(id);
            }
        }
        Leaders.awaitAllInSync(admin);
    }

    private void launch(int id) throws IOException {
        Path log = dir.resolve("node-" + id + ".log");
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(placement.launcher(id));
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", System.getProperty("fdi.pulse.jar", "target/fdi-pulse.jar"), "broker",
                "--node-id", String.valueOf(id), "--port", String.valueOf(ports[id]), "--controller-quorum", quorum,
                "--cluster-id", clusterId, "--data-dir", dir.resolve("node-" + id).toString()));
        nodes[id] = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        launches[id]++;
    }

    /** The {@code broker} command prints this line once the node has joined the quorum and serves clients. */
    private void awaitRunning(int id) throws Exception {
        Path log = dir.resolve("node-" + id + ".log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        int runningLines = countRunningLines(log);
        while (runningLines < launches[id]) {
            if (!nodes[id].isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("node " + id + " did not start; its log " + log + " ends: " + tailOf(log));
            }
            Thread.sleep(100);
            runningLines = countRunningLines(log);
        }
    }

    private static int countRunningLines(Path log) throws IOException {
        return (int) Files.readString(log, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Kafka broker running")).count();
    }

    private void awaitNodesInMetadata(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        while (admin.describeCluster().nodes().get().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " nodes in the cluster's metadata");
            }
            Thread.sleep(200);
        }
    }

    private static String tailOf(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.substring(Math.max(0, text.length() - 3000));
    }

    @Override
    public void close() {
        admin.close();
        // SIGKILL: a controlled shutdown of the last nodes waits for a quorum that has already gone.
        for (int id = 1; id <= NODES; id++) {
            if (nodes[id] != null) {
                nodes[id].destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
