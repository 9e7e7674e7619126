package org.fdipulse.broker;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Uuid;

/**
 * One node of a multi-node KRaft cluster in which every node is broker and controller at once: its id, the port of
 * its client listener, the quorum (every controller as {@code ID@HOST:PORT}, as {@code controller.quorum.voters}
 * takes it) and the cluster id that every node's storage is formatted with.
 */
public record ClusterNode(int nodeId, int port, String quorum, String clusterId) {

    public ClusterNode {
        if (nodeId < 0) {
            throw new IllegalArgumentException("--node-id must be 0 or more, not " + nodeId);
        }
        Map<Integer, String> parsed = voters(quorum);
        if (!parsed.containsKey(nodeId)) {
            throw new IllegalArgumentException("--controller-quorum " + quorum + " has no entry for node " + nodeId
                    + "; list every node as ID@HOST:PORT, this one included");
        }
        try {
            Uuid.fromString(clusterId);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--cluster-id '" + clusterId + "' is not a Kafka cluster id (a base64 UUID"
                    + " of 22 characters); use the same one on every node, e.g. " + Uuid.randomUuid());
        }
    }

    /** The controller port of this node: the one its quorum entry names, since the others reach it there. */
    public int controllerPort() {
        String address = voters(quorum).get(nodeId);
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    public int quorumSize() {
        return voters(quorum).size();
    }

    /**
     * Replicas per partition of the internal topics and the default for new ones: 3, or fewer on a smaller quorum.
     * With 3 replicas and 2 in sync required, one node can be lost without losing a write or refusing one.
     */
    public int replicationFactor() {
        return Math.min(3, quorumSize());
    }

    public int minInSyncReplicas() {
        return Math.max(1, replicationFactor() - 1);
    }

    static Map<Integer, String> voters(String quorum) {
        Map<Integer, String> voters = new LinkedHashMap<>();
        for (String entry : quorum.split(",")) {
            String[] idAndAddress = entry.trim().split("@", 2);
            int colon = idAndAddress.length == 2 ? idAndAddress[1].lastIndexOf(':') : -1;
            try {
                if (colon <= 0 || voters.put(Integer.parseInt(idAndAddress[0]), idAndAddress[1]) != null) {
                    throw new NumberFormatException();
                }
                Integer.parseInt(idAndAddress[1].substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--controller-quorum entry '" + entry.trim()
                        + "' is not ID@HOST:PORT (or repeats an id), e.g. 1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097");
            }
        }
        return voters;
    }
}
