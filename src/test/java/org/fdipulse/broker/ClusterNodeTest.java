package org.fdipulse.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("broker: the settings of a single node and of a node of a three-node cluster")
class ClusterNodeTest {

    private static final String QUORUM = "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097";
    private static final String CLUSTER_ID = "MkU3OEVBNTcwNTJENDM2Qg";

    @Test
    @DisplayName("a single node keeps one replica of everything (what demo and the tests run)")
    void singleNode() {
        Properties p = EmbeddedBroker.serverProperties(9092, 9093, Path.of("d"));
        assertEquals("1", p.getProperty("node.id"));
        assertEquals("1@127.0.0.1:9093", p.getProperty("controller.quorum.voters"));
        assertEquals("1", p.getProperty("offsets.topic.replication.factor"));
        assertEquals("1", p.getProperty("transaction.state.log.min.isr"));
        assertEquals(null, p.getProperty("default.replication.factor"));
        assertEquals(null, p.getProperty("min.insync.replicas"));
    }

    @Test
    @DisplayName("a node of three: its id and ports, the whole quorum, three replicas and two in sync")
    void nodeOfThree() {
        Properties p = EmbeddedBroker.clusterNodeProperties(new ClusterNode(2, 9094, QUORUM, CLUSTER_ID), Path.of("d"));
        assertEquals("2", p.getProperty("node.id"));
        assertEquals(QUORUM, p.getProperty("controller.quorum.voters"));
        assertEquals("PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095", p.getProperty("listeners"));
        assertEquals("PLAINTEXT://127.0.0.1:9094", p.getProperty("advertised.listeners"));
        for (String rf : new String[] {"offsets.topic.replication.factor", "transaction.state.log.replication.factor",
            "share.coordinator.state.topic.replication.factor", "default.replication.factor"}) {
            assertEquals("3", p.getProperty(rf), rf);
        }
        for (String isr : new String[] {"transaction.state.log.min.isr", "share.coordinator.state.topic.min.isr",
            "min.insync.replicas"}) {
            assertEquals("2", p.getProperty(isr), isr);
        }
    }

    @Test
    @DisplayName("a wrong quorum, a node missing from it, or a malformed cluster id: a message that says what to do")
    void wrongOptions() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClusterNode(4, 9092, QUORUM, CLUSTER_ID))
                .getMessage().contains("no entry for node 4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClusterNode(1, 9092, "1@127.0.0.1", CLUSTER_ID))
                .getMessage().contains("is not ID@HOST:PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClusterNode(1, 9092, "1@h:1,1@h:2", CLUSTER_ID))
                .getMessage().contains("repeats an id"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClusterNode(1, 9092, QUORUM, "my-cluster"))
                .getMessage().contains("is not a Kafka cluster id"));
    }
}
