package org.fdipulse.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.fdipulse.broker.ClusterNode;
import org.fdipulse.broker.EmbeddedBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Runs a standalone Kafka broker (KRaft) until stopped (Ctrl-C or SIGTERM): a single node, or with"
                        + " --node-id, --controller-quorum and --cluster-id one node (broker and controller) of a multi-node cluster.",
                "A local three-node cluster is three of these, with the same quorum and cluster id:",
                "  --controller-quorum 1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097",
                "  --cluster-id MkU3OEVBNTcwNTJENDM2Qg (or any other 22-character base64 UUID)",
                "  --node-id 1 --port 9092 --data-dir node-1, and likewise 2/9094/node-2, 3/9096/node-3"})
final class BrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", description = "Port of the PLAINTEXT listener (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "fdi-pulse-broker",
            description = "Where the broker keeps its data; reused when it exists (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--node-id", description = "This node's id in a multi-node cluster; its entry in --controller-quorum.")
    Integer nodeId;

    @Option(names = "--controller-quorum", paramLabel = "ID@HOST:PORT,…",
            description = "Every node of the cluster, the same list on each; the node listens on the HOST of its own entry.")
    String quorum;

    @Option(names = "--controller-port",
            description = "This node's controller port; optional, since its entry in --controller-quorum names it.")
    Integer controllerPort;

    @Option(names = "--cluster-id", description = "The cluster's id (22-character base64 UUID), the same on every node.")
    String clusterId;

    @Override
    public Integer call() throws Exception {
        EmbeddedBroker broker = nodeId == null && quorum == null && clusterId == null && controllerPort == null
                ? EmbeddedBroker.start(port, dataDir)
                : EmbeddedBroker.startClusterNode(clusterNode(), dataDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println("Kafka broker running: --bootstrap-servers " + broker.bootstrapServers()
                + " (data in " + dataDir.toAbsolutePath() + "). Ctrl-C stops it.");
        stopped.await();
        return 0;
    }

    private ClusterNode clusterNode() {
        if (nodeId == null || quorum == null || clusterId == null) {
            throw new ParameterException(spec.commandLine(),
                    "a node of a multi-node cluster needs --node-id, --controller-quorum and --cluster-id together");
        }
        try {
            ClusterNode node = new ClusterNode(nodeId, port, quorum, clusterId);
            if (controllerPort != null && controllerPort != node.controllerPort()) {
                throw new IllegalArgumentException("--controller-port " + controllerPort + " differs from node " + nodeId
                        + "'s entry in --controller-quorum (port " + node.controllerPort() + ")");
            }
            return node;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
