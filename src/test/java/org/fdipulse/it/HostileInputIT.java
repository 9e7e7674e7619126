package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.serde.AvroSerdes;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.HostileEncoding;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A hostile producer and a careless one, on a real broker, among valid traffic: records of nearly the broker's size
 * limit on every input topic, a compressed record far larger than the dead-letter topic takes, a 400 KB measureId, a
 * rate of 5,000 digits, a record with no timestamp, records with 900 KB of headers, and an {@code ingest} file with
 * numbers no schema holds between valid lines. The job stays up and healthy with no thread lost, every valid record
 * counts exactly once, and every hostile one is dead-lettered with its reason — or, when too large, referenced by
 * topic, partition and offset.
 */
@DisplayName("hostile input: nothing a topic can hold stops the job")
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NEAR_ONE_MIB = 1_000_000;
    private static final int COMPRESSED_THREE_MIB = 3 * 1024 * 1024;

    @Test
    @DisplayName("the job stays up, the sentinel and every valid record count exactly, every hostile record is dead-lettered")
    void hostileProducers() throws Exception {
        RandomData data = RandomData.generate("hostile", 1000, 47);
        ContractModel model = data.model();
        Map<String, Integer> expectedDead = model.deadLetters();
        Deployment d = new Deployment("hostile");
        int port = Deployment.freePort();
        d.ingest("fx-rates", data.rates());
        Random random = new Random(47);
        try (Jar.Running job = d.run("USD", port);
             KafkaProducer<String, byte[]> plain = producer(d.bootstrap, "none");
             KafkaProducer<String, byte[]> gzip = producer(d.bootstrap, "gzip")) {
            d.ingest("investments", data.investments());

            // Nearly the broker's limit, on every input topic (the rates topic's reach the rate companion).
            for (String kind : List.of("investments", "measures", "fx-rates")) {
                plain.send(new ProducerRecord<>(d.inputTopic(kind), "near-limit", randomBytes(random, NEAR_ONE_MIB))).get();
                expectedDead.merge("MALFORMED", 1, Integer::sum);
            }
            // Small on the wire, 3 MiB once decompressed: more than any dead letter may be.
            ProducerRecord<String, byte[]> compressed = new ProducerRecord<>(d.topic("investments"), "compressed",
                    new byte[COMPRESSED_THREE_MIB]);
            var compressedAt = gzip.send(compressed).get();
            expectedDead.merge("MALFORMED", 1, Integer::sum);

            MeasureUpdate hugeMeasureId = new MeasureUpdate("u-huge", "M-" + "x".repeat(400_000), "beijing", "FINANCE",
                    "PLANNED", Instant.parse("2025-03-01T00:00:00Z"));
            model.measure(hugeMeasureId);
            plain.send(new ProducerRecord<>(d.topic("measure-updates"), "beijing|M-huge",
                    AvroSerdes.measureUpdate().encode(hugeMeasureId))).get();

            FxRate hugeRate = new FxRate("EUR", new BigDecimal("9".repeat(5000) + ".000000"), Instant.parse("2020-01-01T00:00:00Z"));
            model.rate(hugeRate);
            plain.send(new ProducerRecord<>(d.topic("fx-rates"), "EUR", HostileEncoding.encodeUnchecked(hugeRate))).get();

            InvestmentEvent noTimestamp = usd("no-timestamp", "shanghai", "G", "123.45", "2025-02-03T04:05:06Z");
            model.investment(noTimestamp);
            plain.send(withoutTimestamp(new ProducerRecord<>(d.topic("investments"), noTimestamp.getEventId(),
                    AvroSerdes.investmentEvent().encode(noTimestamp)))).get();

            byte[] bigHeader = "h".repeat(900_000).getBytes(StandardCharsets.UTF_8);
            for (InvestmentEvent event : List.of(usd("big-headers", "hangzhou", "J", "77.00", "2025-05-06T00:00:00Z"),
                    usd("big-headers-bad-city", "atlantis", "J", "77.00", "2025-05-06T00:00:00Z"))) {
                model.investment(event);
                RecordHeaders headers = new RecordHeaders();
                headers.add("baggage", bigHeader);
                plain.send(new ProducerRecord<>(d.topic("investments"), null, event.getEventId(),
                        AvroSerdes.investmentEvent().encode(event), headers)).get();
            }

            Path file = Files.createDirectories(Path.of("target", "it-data", "hostile")).resolve("out-of-range.jsonl");
            Files.write(file, List.of(
                    "{\"eventId\":\"file-1\",\"city\":\"wuhan\",\"sector\":\"K\",\"amount\":\"10.00\",\"currency\":\"USD\",\"occurredAt\":\"2025-07-01T00:00:00Z\"}",
                    "{\"eventId\":\"file-2\",\"city\":\"wuhan\",\"sector\":\"K\",\"amount\":\"1e40\",\"currency\":\"USD\",\"occurredAt\":\"2025-07-01T00:00:00Z\"}",
                    "{\"eventId\":\"file-3\",\"city\":\"wuhan\",\"sector\":\"K\",\"amount\":20.5,\"currency\":\"USD\",\"occurredAt\":\"2025-07-01T00:00:00Z\"}",
                    "{\"eventId\":\"file-4\",\"city\":\"wuhan\",\"sector\":\"K\",\"amount\":" + "9".repeat(42) + ",\"currency\":\"USD\",\"occurredAt\":\"2025-07-01T00:00:00Z\"}",
                    "{\"eventId\":\"file-5\",\"city\":\"wuhan\",\"sector\":\"K\",\"amount\":\"0.50\",\"currency\":\"USD\",\"occurredAt\":\"2025-07-01T00:00:00Z\"}"),
                    StandardCharsets.UTF_8);
            Jar.Result ingested = Jar.run("ingest", "--bootstrap-servers", d.bootstrap, "--kind", "investments", "--topic",
                    d.topic("investments"), file.toString());
            assertEquals(1, ingested.exit(), ingested.err());
            assertTrue(ingested.err().contains("line 2: NUMBER_OUT_OF_RANGE: "), ingested.err());
            assertTrue(ingested.err().contains("line 4: NUMBER_OUT_OF_RANGE: "), ingested.err());
            assertTrue(ingested.err().contains("sent 3 records"), ingested.err());
            for (String[] valid : new String[][] {{"file-1", "10.00"}, {"file-3", "20.50"}, {"file-5", "0.50"}}) {
                model.investment(usd(valid[0], "wuhan", "K", valid[1], "2025-07-01T00:00:00Z"));
            }

            d.ingest("measures", data.measures());
            InvestmentEvent sentinel = usd("sentinel", "xian", "T", "4321.09", "2027-08-15T00:00:00Z");
            model.investment(sentinel);
            plain.send(new ProducerRecord<>(d.topic("investments"), sentinel.getEventId(),
                    AvroSerdes.investmentEvent().encode(sentinel))).get();

            d.assertMatches(model, job);
            JsonNode health = JSON.readTree(JobHttp.get(port, "/health").body());
            assertEquals("UP", health.get("status").asText(), health.toString());
            assertEquals(0, health.get("threadsReplaced").asLong(), "no stream thread died: " + health);
            JsonNode sentinelCell = JSON.readTree(JobHttp.get(port, "/api/v1/investments/xian/2027-Q3").body());
            assertEquals("4321.09", sentinelCell.get("total").asText(), sentinelCell.toString());

            assertReferencesInput(d, compressedAt.partition(), compressedAt.offset());
            job.assertStopsCleanly();
        }
    }

    /** The one reference dead letter names where the 3 MiB input sits, and the input is there, whole. */
    private static void assertReferencesInput(Deployment d, int partition, long offset) throws Exception {
        Jar.Result dead = Jar.run("tail", "--bootstrap-servers", d.bootstrap, d.topic("dead-letter"), "--from-beginning",
                "--idle-exit", "2");
        List<JsonNode> references = new ArrayList<>();
        for (String line : dead.outLines()) {
            JsonNode record = JSON.readTree(line);
            if (record.get("headers").has("error.truncated")) {
                references.add(record);
            }
        }
        assertEquals(1, references.size(), "reference dead letters");
        JsonNode headers = references.get(0).get("headers");
        assertEquals("compressed", references.get(0).get("key").asText());
        assertEquals("", references.get(0).get("value").get("base64").asText());
        assertEquals("MALFORMED", headers.get("error.reason").asText());
        assertEquals("true", headers.get("error.truncated").asText());
        assertEquals(d.topic("investments"), headers.get("__streams.errors.topic").asText());
        assertEquals(String.valueOf(partition), headers.get("__streams.errors.partition").asText());
        assertEquals(String.valueOf(offset), headers.get("__streams.errors.offset").asText());

        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, d.bootstrap);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(d.topic("investments"), partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    assertEquals(offset, record.offset());
                    assertArrayEquals(new byte[COMPRESSED_THREE_MIB], record.value(), "the input, whole, where the reference says");
                    return;
                }
            }
            throw new AssertionError("nothing at " + tp + " offset " + offset);
        }
    }

    private static InvestmentEvent usd(String eventId, String city, String sector, String amount, String occurredAt) {
        return InvestmentEvent.newBuilder().setEventId(eventId).setCity(city).setSector(sector)
                .setAmount(new BigDecimal(amount)).setCurrency("USD").setOccurredAt(Instant.parse(occurredAt)).build();
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        bytes[0] = 0x7b; // never the single-object marker
        return bytes;
    }

    /**
     * A record with timestamp -1 ("no timestamp"), which the protocol and the broker accept and some clients send. The
     * Java producer refuses negative timestamps in ProducerRecord's constructor but passes -1 on when it is set.
     */
    private static <K, V> ProducerRecord<K, V> withoutTimestamp(ProducerRecord<K, V> record) throws Exception {
        Field timestamp = ProducerRecord.class.getDeclaredField("timestamp");
        timestamp.setAccessible(true);
        timestamp.set(record, -1L);
        return record;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap, String compression) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 * 1024 * 1024));
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }
}
