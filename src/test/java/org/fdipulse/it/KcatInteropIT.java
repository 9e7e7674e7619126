package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.fdipulse.keys.CityMeasure;
import org.fdipulse.testing.Describe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The job with JSON on both sides ({@code fdi.input.formats=avro,json}, {@code fdi.output.format=json}) and Debian's
 * {@code kcat} (librdkafka, not Java) as the only producer and consumer: kcat sends the JSON lines {@code generate}
 * wrote, with librdkafka's own partitioner, and reads the JSON figures back. Every figure equals the model's.
 */
@DisplayName("interoperability: kcat produces JSON inputs and reads JSON outputs")
class KcatInteropIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("JSON inputs sent by kcat are counted exactly; kcat reads the JSON outputs as the model says")
    void kcatBothWays() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kcat")), "kcat is not installed (apt-get install kcat; .ci/run does)");
        RandomData data = RandomData.generate("kcat", 800, 59);
        Deployment d = new Deployment("kcat");
        createInputTopics(d);
        kcatProduce(d, "fx-rates", data.rates(), json -> json.get("currency").asText());
        int port = Deployment.freePort();
        try (Jar.Running job = d.run("USD", port, "fdi.input.formats=avro,json", "fdi.output.format=json")) {
            kcatProduce(d, "investments", data.investments(), json -> json.get("eventId").asText());
            kcatProduce(d, "measures", data.measures(), json -> new CityMeasure(json.get("city").asText(), json.get("measureId").asText()).encode());

            d.assertMatches(data.model(), job);
            Map<String, String> shares = new TreeMap<>();
            kcatConsume(d.outputTopic("services-share", "USD")).forEach((key, value) -> shares.put(key, Describe.shareJson(value)));
            assertEquals(data.model().shares(), shares, "services shares as kcat reads them");
            job.assertStopsCleanly();
        }
    }

    /** What a kcat user does first (kcat creates no topic): the inputs, the rates topic keeping every record. */
    private static void createInputTopics(Deployment d) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", d.bootstrap))) {
            admin.createTopics(List.of(
                    new NewTopic(d.inputTopic("fx-rates"), Optional.of(2), Optional.empty()).configs(Map.of("retention.ms", "-1")),
                    new NewTopic(d.inputTopic("investments"), Optional.of(4), Optional.empty()),
                    new NewTopic(d.inputTopic("measures"), Optional.of(4), Optional.empty()))).all().get(1, TimeUnit.MINUTES);
        }
    }

    /** Sends each JSON line of a file as one record, keyed as the contract says, with kcat's default partitioner. */
    private static void kcatProduce(Deployment d, String kind, Path jsonLines, Function<JsonNode, String> key) throws Exception {
        List<String> keyed = new ArrayList<>();
        for (String line : Files.readAllLines(jsonLines, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                keyed.add(key.apply(JSON.readTree(line)) + "\t" + line);
            }
        }
        Path file = Files.createTempFile(Path.of("target"), "kcat-" + kind + "-", ".txt");
        Files.write(file, keyed, StandardCharsets.UTF_8);
        Process kcat = new ProcessBuilder("kcat", "-b", d.bootstrap, "-t", d.inputTopic(kind), "-P", "-K", "\t", "-l",
                file.toString()).redirectErrorStream(true).start();
        String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, kcat.waitFor(2, TimeUnit.MINUTES), "kcat did not finish");
        assertEquals(0, kcat.exitValue(), "kcat -P: " + output);
    }

    /** The latest value per key of a topic, read by kcat to its end. */
    private static Map<String, JsonNode> kcatConsume(String topic) throws Exception {
        Process kcat = new ProcessBuilder("kcat", "-b", SharedBroker.bootstrapServers(), "-t", topic, "-C", "-o", "beginning",
                "-e", "-q", "-f", "%k\t%s\n").start();
        String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, kcat.waitFor(2, TimeUnit.MINUTES), "kcat did not finish");
        assertEquals(0, kcat.exitValue(), "kcat -C: " + new String(kcat.getErrorStream().readAllBytes()));
        Map<String, JsonNode> latest = new TreeMap<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                int tab = line.indexOf('\t');
                latest.put(line.substring(0, tab), JSON.readTree(line.substring(tab + 1)));
            }
        }
        return latest;
    }
}
