package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.serde.JsonToAvro;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The schema registry fixture ({@link SchemaRegistryProcess}: Apicurio Registry with Confluent's API, built and
 * started by the test) and the non-Java clients for it ({@code src/test/resources/python}: Confluent's Python client
 * from Debian's packages). The Python producer registers {@code schemas/InvestmentEvent.avsc} and writes
 * Confluent-framed Avro; the Python consumer reads it back through the registry; Java's Avro reads the same bytes.
 */
@DisplayName("schema registry fixture: a real Confluent-API registry and Confluent's Python client")
class SchemaRegistryFixtureIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Input lines as {@code generate} writes them, and some it would not (a JSON number, an offset, fields left to
     * their defaults), with edges of the encodings: 38 digits, a negative amount, an instant before 1970.
     */
    private static final List<String> INPUT = List.of(
            "{\"eventId\":\"sr-1\",\"revision\":0,\"city\":\"shanghai\",\"sector\":\"K\",\"amount\":\"125653.47\",\"currency\":\"EUR\","
                    + "\"occurredAt\":\"2025-09-16T14:57:08Z\",\"withdrawn\":false,\"investorType\":\"CORPORATE\",\"green\":true,\"sourceEconomy\":\"NL\"}",
            "{\"eventId\":\"sr-2\",\"revision\":0,\"city\":\"dalian\",\"sector\":\"J\",\"amount\":\"0.10\",\"currency\":\"CNY\","
                    + "\"occurredAt\":\"2024-02-29T23:59:59.999Z\",\"withdrawn\":false,\"investorType\":null,\"green\":false,\"sourceEconomy\":null}",
            "{\"eventId\":\"sr-2\",\"revision\":1,\"city\":\"dalian\",\"sector\":\"J\",\"amount\":\"999999999999999999999999999999999999.99\","
                    + "\"currency\":\"CNY\",\"occurredAt\":\"2024-03-01T00:00:00.001Z\",\"withdrawn\":false,\"investorType\":\"SOVEREIGN_FUND\","
                    + "\"green\":false,\"sourceEconomy\":\"sg \"}",
            "{\"eventId\":\"sr-3\",\"revision\":0,\"city\":\"xian\",\"sector\":\"C\",\"amount\":\"-1250.05\",\"currency\":\"JPY\","
                    + "\"occurredAt\":\"1969-12-31T23:59:59.500Z\",\"withdrawn\":true,\"investorType\":\"OTHER\",\"green\":false,\"sourceEconomy\":\"\"}",
            "{\"eventId\":\"sr-4\",\"city\":\"suzhou\",\"sector\":\"F\",\"amount\":7.5,\"currency\":\"USD\",\"occurredAt\":\"2025-03-31T16:30:00.250+08:00\"}");

    /** The consumer's values: the input with every field, decimals at the schema's scale, instants in UTC. */
    private static final List<String> EXPECTED = List.of(
            INPUT.get(0), INPUT.get(1), INPUT.get(2), INPUT.get(3),
            "{\"eventId\":\"sr-4\",\"revision\":0,\"city\":\"suzhou\",\"sector\":\"F\",\"amount\":\"7.50\",\"currency\":\"USD\","
                    + "\"occurredAt\":\"2025-03-31T08:30:00.250Z\",\"withdrawn\":false,\"investorType\":null,\"green\":false,\"sourceEconomy\":null}");

    @Test
    @DisplayName("Python registers and writes InvestmentEvents, Python and Java read them back; ids and 40403 as Confluent's")
    void pythonClientsRoundTrip() throws Exception {
        assumeTrue(pythonClientInstalled(), PythonClients.MISSING);
        String topic = "registry-smoke.investments-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", SharedBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(3), Optional.empty()))).all().get(1, TimeUnit.MINUTES);
        }
        Path input = Files.createDirectories(Path.of("target", "it-schema-registry")).resolve(topic + ".jsonl");
        Files.write(input, INPUT, StandardCharsets.UTF_8);

        try (SchemaRegistryProcess registry = SchemaRegistryProcess.start()) {
            python(Duration.ofMinutes(2), "confluent_avro_produce.py", "--bootstrap", SharedBroker.bootstrapServers(),
                    "--registry", registry.url(), "--topic", topic, "--schema", "schemas/InvestmentEvent.avsc",
                    "--input", input.toString(), "--key-field", "eventId");
            HttpResponse<String> latest = registry.get("/subjects/" + topic + "-value/versions/latest");
            assertEquals(200, latest.statusCode(), latest.body());
            int id = JSON.readTree(latest.body()).get("id").asInt();

            String consumed = python(Duration.ofMinutes(2), "confluent_avro_consume.py", "--bootstrap",
                    SharedBroker.bootstrapServers(), "--registry", registry.url(), "--topic", topic, "--idle-exit", "3");
            Map<String, List<JsonNode>> seen = new LinkedHashMap<>();
            for (String line : consumed.lines().filter(l -> !l.isBlank()).toList()) {
                JsonNode record = JSON.readTree(line);
                assertEquals(record.get("value").get("eventId").asText(), record.get("key").asText(), "key = eventId: " + line);
                seen.computeIfAbsent(record.get("key").asText(), k -> new ArrayList<>()).add(record.get("value"));
            }
            assertEquals(byKey(EXPECTED), seen, "what the Python consumer decoded, per key in partition order");

            // the same bytes through Java's Avro, with the writer schema the registry gives for the id in each record
            HttpResponse<String> byId = registry.get("/schemas/ids/" + id);
            assertEquals(200, byId.statusCode(), byId.body());
            Schema writer = new Schema.Parser().parse(JSON.readTree(byId.body()).get("schema").asText());
            assertEquals(new Schema.Parser().parse(Path.of("schemas", "InvestmentEvent.avsc").toFile()), writer,
                    "GET /schemas/ids/" + id + " gives the registered schema");
            Map<String, List<InvestmentEvent>> expected = new LinkedHashMap<>();
            for (String line : INPUT) {
                InvestmentEvent event = JsonToAvro.read(line, InvestmentEvent::new);
                expected.computeIfAbsent(event.getEventId(), k -> new ArrayList<>()).add(event);
            }
            assertEquals(expected, readWithJava(topic, id, writer), "what Java's Avro reads, per key in partition order");

            HttpResponse<String> unknown = registry.get("/schemas/ids/" + (id + 100_000));
            assertEquals(404, unknown.statusCode(), unknown.body());
            assertEquals(40403, JSON.readTree(unknown.body()).get("error_code").asInt(), unknown.body());

            // pause() freezes it (a request times out), resume() brings it back
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest subjects = HttpRequest.newBuilder(URI.create(registry.url() + "/subjects")).timeout(Duration.ofSeconds(2)).build();
            registry.pause();
            assertThrows(HttpTimeoutException.class, () -> http.send(subjects, HttpResponse.BodyHandlers.ofString()),
                    "a paused registry answers nothing");
            registry.resume();
            assertEquals(200, registry.get("/subjects").statusCode(), "a resumed registry answers");
        }
    }

    private static Map<String, List<JsonNode>> byKey(List<String> values) throws Exception {
        Map<String, List<JsonNode>> byKey = new LinkedHashMap<>();
        for (String value : values) {
            JsonNode node = JSON.readTree(value);
            byKey.computeIfAbsent(node.get("eventId").asText(), k -> new ArrayList<>()).add(node);
        }
        return byKey;
    }

    /** Every record of the topic, each value checked for magic byte 0 and the id, then decoded by Java's Avro. */
    private static Map<String, List<InvestmentEvent>> readWithJava(String topic, int id, Schema writer) throws Exception {
        SpecificDatumReader<InvestmentEvent> reader = new SpecificDatumReader<>(writer, InvestmentEvent.getClassSchema(),
                SpecificData.getForClass(InvestmentEvent.class));
        Map<String, List<InvestmentEvent>> read = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                "bootstrap.servers", SharedBroker.bootstrapServers(), "isolation.level", "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertTrue(System.nanoTime() < deadline, "Java's consumer did not reach the end of " + topic);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    ByteBuffer value = ByteBuffer.wrap(record.value());
                    assertEquals(0, value.get(), "magic byte");
                    assertEquals(id, value.getInt(), "schema id");
                    InvestmentEvent event = reader.read(null, DecoderFactory.get().binaryDecoder(record.value(), 5,
                            record.value().length - 5, null));
                    read.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(event);
                }
            }
        }
        return read;
    }

    private static boolean pythonClientInstalled() throws Exception {
        return PythonClients.installed();
    }

    private static String python(Duration timeout, String script, String... args) throws Exception {
        return PythonClients.run(timeout, script, args);
    }
}
