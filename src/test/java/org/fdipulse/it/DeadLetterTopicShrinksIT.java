package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fdipulse.testing.ContractModel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A careless operator lowers the dead-letter topic's {@code max.message.bytes} while the job runs, below a dead letter
 * the job has yet to write. The broker refuses that letter; the job learns the lower limit from the refusal, and the
 * input, processed again, becomes a reference dead letter. Before, the same letter failed on every replacement
 * stream thread until the job was restarted, and nothing behind it counted.
 */
@DisplayName("reliability: the dead-letter topic's size limit lowered while the job runs")
class DeadLetterTopicShrinksIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOWERED_LIMIT = 100_000;
    private static final int BAD_RECORD_BYTES = 300_000;

    @Test
    @DisplayName("the refused dead letter is written again as a reference, and every valid record after it counts")
    void refusedDeadLetterBecomesReference() throws Exception {
        RandomData data = RandomData.generate("shrinks", 300, 53);
        ContractModel model = data.model();
        Deployment d = new Deployment("shrinks");
        int port = Deployment.freePort();
        d.ingest("fx-rates", data.rates());
        try (Jar.Running job = d.run("USD", port); KafkaProducer<String, byte[]> producer = producer(d.bootstrap)) {
            JobHttp.awaitHealthy(port, job); // the job has read the topic's limit (2 MiB) at start
            lowerMaxMessageBytes(d, d.topic("dead-letter"), LOWERED_LIMIT);

            byte[] bad = new byte[BAD_RECORD_BYTES];
            new Random(53).nextBytes(bad);
            bad[0] = 0x7b; // never the single-object marker: undecodable, a MALFORMED dead letter of about 300 KB
            long sent = System.nanoTime();
            RecordMetadata badAt = producer.send(new ProducerRecord<>(d.topic("investments"), "too-big-now", bad)).get();
            model.deadLetters().merge("MALFORMED", 1, Integer::sum);
            d.ingest("investments", data.investments());
            d.ingest("measures", data.measures());

            d.assertMatches(model, job);
            long exactAfter = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sent);
            JsonNode reference = referenceDeadLetter(d, "too-big-now");
            JsonNode headers = reference.get("headers");
            assertEquals("MALFORMED", headers.get("error.reason").asText());
            assertEquals(d.topic("investments"), headers.get("__streams.errors.topic").asText());
            assertEquals(String.valueOf(badAt.partition()), headers.get("__streams.errors.partition").asText());
            assertEquals(String.valueOf(badAt.offset()), headers.get("__streams.errors.offset").asText());
            JsonNode health = JSON.readTree(JobHttp.get(port, "/health").body());
            assertEquals("UP", health.get("status").asText(), health.toString());
            assertTrue(job.err().contains("refused a dead letter"), "the log says what happened and what to do");
            System.out.printf("[measured] figures and dead letters exact %d s after the refused dead letter's input was sent;"
                    + " stream threads replaced: %d%n", exactAfter, health.get("threadsReplaced").asLong());
            job.assertStopsCleanly();
        }
    }

    private static void lowerMaxMessageBytes(Deployment d, String topic, int bytes) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, d.bootstrap);
        try (Admin admin = Admin.create(p)) {
            Map<ConfigResource, Collection<AlterConfigOp>> change = Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                    List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(bytes)),
                            AlterConfigOp.OpType.SET)));
            admin.incrementalAlterConfigs(change).all().get(1, TimeUnit.MINUTES);
        }
    }

    /**
     * The one dead letter of this key, read through {@code tail}: a reference ({@code error.truncated}). Other dead
     * letters of the random data larger than the lowered limit (a long measureId) may be references too.
     */
    private static JsonNode referenceDeadLetter(Deployment d, String key) throws Exception {
        Jar.Result dead = Jar.run("tail", "--bootstrap-servers", d.bootstrap, d.topic("dead-letter"), "--from-beginning",
                "--idle-exit", "2");
        List<JsonNode> letters = dead.outLines().stream().map(DeadLetterTopicShrinksIT::parse)
                .filter(record -> key.equals(record.get("key").asText())).toList();
        assertEquals(1, letters.size(), "dead letters of " + key + ": " + letters);
        assertEquals("true", letters.get(0).get("headers").path("error.truncated").asText(), "a reference: " + letters.get(0));
        assertEquals("", letters.get(0).get("value").get("base64").asText(), "a reference carries no value");
        return letters.get(0);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("tail printed a line that is not JSON: " + line, e);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
