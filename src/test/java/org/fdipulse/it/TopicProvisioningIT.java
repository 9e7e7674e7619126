package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fdipulse.app.TopicProvisioner;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A topic fdi-pulse creates (for {@code run}, {@code demo}, {@code bench} or {@code ingest}) takes writes as soon as
 * the call returns. An idempotent producer that writes into a partition the broker has announced but not yet taken
 * on can lose a request (KAFKA-15591): its first request is refused as "not leader", a later one is appended, and
 * the first is refused as out of sequence until it expires. This once stalled {@code bench}'s preload for two minutes.
 */
@DisplayName("topic provisioning: a topic just created takes every write at once")
class TopicProvisioningIT {

    private static final int ROUNDS = 6;
    private static final int PARTITIONS = 4;
    private static final int RECORDS = 3_000;

    private final String bootstrap = SharedBroker.bootstrapServers();

    @Test
    @DisplayName("records sent the moment ensureInput returns are all acknowledged, and all on the topic")
    void writesRightAfterCreationAreKept() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String topic = "it.fresh-" + UUID.randomUUID();
            Properties config = new Properties();
            config.setProperty("bootstrap.servers", bootstrap);
            config.setProperty(TopicProvisioner.PARTITIONS, String.valueOf(PARTITIONS));
            TopicProvisioner.ensureInput(config, topic, false);

            List<Future<RecordMetadata>> sends = new ArrayList<>();
            try (KafkaProducer<String, String> producer = eagerProducer()) {
                for (int i = 0; i < RECORDS; i++) {
                    sends.add(producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)));
                }
                producer.flush();
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(0, TimeUnit.SECONDS); // throws the broker's refusal, if any
            }
            assertEquals(RECORDS, recordsOn(topic), "records on " + topic);
        }
    }

    /** Many small requests in flight at once, as a loaded producer sends them; a lost request fails within 15 s. */
    private KafkaProducer<String, String> eagerProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "512");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private long recordsOn(String topic) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (int i = 0; i < PARTITIONS; i++) {
                ends.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            return admin.listOffsets(ends).all().get().values().stream().mapToLong(info -> info.offset()).sum();
        }
    }
}
