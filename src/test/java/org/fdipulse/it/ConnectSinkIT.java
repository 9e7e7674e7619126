package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.fdipulse.it.connect.StandaloneWorker;
import org.fdipulse.testing.Describe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The job's JSON output ({@code fdi.output.format=json}) consumed by a real Kafka Connect worker through
 * JsonConverter ({@code schemas.enable=false}) into a file, by a sink written against the Connect API: what Connect
 * made of each record equals the model's figures.
 */
@DisplayName("interoperability: Kafka Connect's JsonConverter reads the JSON output topics")
class ConnectSinkIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("a Connect sink of fdi.services-share holds the model's share figures")
    void connectReadsJsonOutputs() throws Exception {
        RandomData data = RandomData.generate("connect", 800, 61);
        Deployment d = new Deployment("connect");
        d.ingest("fx-rates", data.rates());
        Path dir = Files.createDirectories(Path.of("target", "it-connect", UUID.randomUUID().toString()));
        Path sinkFile = dir.resolve("services-share.jsonl");
        try (Jar.Running job = d.run("USD", Deployment.freePort(), "fdi.output.format=json");
             StandaloneWorker connect = StandaloneWorker.start(d.bootstrap, dir)) {
            d.ingest("investments", data.investments());
            d.ingest("measures", data.measures());
            connect.addJsonLinesSink("fdi-services-share-sink", d.outputTopic("services-share", "USD"), sinkFile);

            Map<String, String> expected = data.model().shares();
            Map<String, String> sunk = Map.of();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline && !expected.equals(sunk)) {
                sunk = latestPerKey(sinkFile);
                if (!job.isAlive()) {
                    throw new AssertionError("the job stopped: " + job.err());
                }
                Thread.sleep(500);
            }
            assertEquals(expected, sunk, "services shares as Kafka Connect's JsonConverter read them");
            job.assertStopsCleanly();
        }
    }

    private static Map<String, String> latestPerKey(Path file) throws Exception {
        Map<String, String> latest = new TreeMap<>();
        if (!Files.exists(file)) {
            return latest;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        // only whole lines: the sink may be writing the last one
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            if (!line.isBlank()) {
                JsonNode record = JSON.readTree(line);
                latest.put(record.get("key").asText(), Describe.shareJson(record.get("value")));
            }
        }
        return latest;
    }
}
