package org.fdipulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Properties;
import org.fdipulse.config.PulseSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A setting a careless operator gets wrong stops the start with a message that names it, before anything reaches
 * Kafka: found later, as a store opens or a topic is created, the error named no setting.
 */
@DisplayName("a careless setting is refused at start, with its name and the fix")
class BadSettingsTest {

    @Test
    @DisplayName("fdi.rocksdb.memory.mb must be a positive whole number of megabytes")
    void rocksDbMemory() {
        for (String bad : new String[] {"lots", "128MB", "0", "-5"}) {
            Properties props = new Properties();
            props.setProperty("fdi.rocksdb.memory.mb", bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PulseSettings.from(props));
            assertEquals("fdi.rocksdb.memory.mb '" + bad + "' is not a positive whole number of megabytes; set it to e.g. 128",
                    e.getMessage());
        }
        Properties good = new Properties();
        good.setProperty("fdi.rocksdb.memory.mb", " 256 ");
        PulseSettings.from(good);
    }

    @Test
    @DisplayName("fdi.topics.partitions, replication-factor and min-insync-replicas must be whole numbers from 1")
    void topicSettings() {
        assertRefused(TopicProvisioner.PARTITIONS, "four",
                "fdi.topics.partitions 'four' is not a whole number from 1 to 2147483647; leave it unset for the broker's default");
        assertRefused(TopicProvisioner.REPLICATION_FACTOR, "0",
                "fdi.topics.replication-factor '0' is not a whole number from 1 to 32767; leave it unset for the broker's default");
        assertRefused(TopicProvisioner.REPLICATION_FACTOR, "40000",
                "fdi.topics.replication-factor '40000' is not a whole number from 1 to 32767; leave it unset for the broker's default");
        assertRefused(TopicProvisioner.MIN_INSYNC_REPLICAS, "two",
                "fdi.topics.min-insync-replicas 'two' is not a whole number from 1 to 2147483647; leave it unset for the broker's default");
    }

    /** Checked before any client is built: the address given here has no broker behind it. */
    private static void assertRefused(String setting, String value, String message) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", "127.0.0.1:1");
        props.setProperty(setting, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopicProvisioner.ensureInput(props, "any.topic", false));
        assertEquals(message, e.getMessage());
    }
}
