package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.fdipulse.app.TopicProvisioner;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.generate.Scenario;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.Describe;
import org.fdipulse.testing.JsonLines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An Avro estate with a schema registry (contract section 11), with real parts only: Apicurio Registry with Confluent's
 * API ({@link SchemaRegistryProcess}), Confluent's Python client writing the inputs and reading the outputs
 * ({@link PythonClients}: it fetches every writer schema by id), and the job between them with
 * {@code fdi.input.formats=avro,confluent-avro} and {@code fdi.output.format=confluent-avro}. Every figure is compared
 * with {@link ContractModel}.
 */
@DisplayName("schema registry estate: Confluent-framed inputs and outputs, a registry that stops answering, an incompatible subject")
class SchemaRegistryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SchemaRegistryProcess registry;

    @BeforeAll
    static void startRegistry() throws Exception {
        assumeTrue(PythonClients.installed(), PythonClients.MISSING);
        registry = SchemaRegistryProcess.start();
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private static String[] registrySettings(String... more) {
        List<String> settings = new java.util.ArrayList<>(List.of("fdi.input.formats=avro,confluent-avro",
                "fdi.output.format=confluent-avro", "schema.registry.url=" + registry.url()));
        settings.addAll(List.of(more));
        return settings.toArray(String[]::new);
    }

    /** The deployment's inputs written by the Python producer, each topic's schema registered by it. */
    private static void produce(Deployment d, Path rates, Path investments, Path measures, Path investmentSchema)
            throws Exception {
        // created as ingest creates them (the rates kept forever), and waited for: the broker creates no topic itself
        java.util.Properties client = new java.util.Properties();
        client.setProperty("bootstrap.servers", d.bootstrap);
        TopicProvisioner.ensureInput(client, d.topic("fx-rates"), true);
        TopicProvisioner.ensureInput(client, d.topic("investments"), false);
        TopicProvisioner.ensureInput(client, d.topic("measure-updates"), false);
        PythonClients.produce(d.bootstrap, registry.url(), d.topic("fx-rates"), Path.of("schemas", "FxRate.avsc"), rates, "currency");
        PythonClients.produce(d.bootstrap, registry.url(), d.topic("investments"), investmentSchema, investments, "eventId");
        if (measures != null) {
            // keyed by measureId, not the contract's city|measureId: every update takes the ledger's repartition topic
            PythonClients.produce(d.bootstrap, registry.url(), d.topic("measure-updates"),
                    Path.of("schemas", "MeasureUpdate.avsc"), measures, "measureId");
        }
    }

    @Test
    @DisplayName("a Python producer's framed inputs in, framed outputs read by a Python consumer: every figure is the model's")
    void framedInAndOut() throws Exception {
        RandomData data = RandomData.generate("registry-random", 2000, 23);
        Deployment d = new Deployment("registry").readingOutputsWith(
                topic -> PythonClients.consume(SharedBroker.bootstrapServers(), registry.url(), topic));
        // the rates first: the job's rate book holds them before it reads an investment, as the model assumes; the
        // measure updates through the job's own `ingest --format confluent-avro`, which registers MeasureUpdate itself
        produce(d, data.rates(), data.investments(), null, Path.of("schemas", "InvestmentEvent.avsc"));
        Jar.Result ingested = Jar.run(d.command("ingest", "--kind", "measures", "--topic", d.topic("measure-updates"),
                "--format", "confluent-avro", "--set", "schema.registry.url=" + registry.url(), data.measures().toString()));
        assertEquals(0, ingested.exit(), ingested.err());
        assertTrue(registry.get("/subjects").body().contains(d.topic("measure-updates") + "-value"), "ingest registered the subject");
        try (Jar.Running job = d.run("USD", registrySettings())) {
            d.assertMatches(data.model(), job);
            // tail shows the framed records in the contract's shapes, as the Python consumer decodes them
            Jar.Result tailed = Jar.run(d.command("tail", d.outputTopic("source-mix", "USD"), "--from-beginning",
                    "--idle-exit", "2", "--set", "schema.registry.url=" + registry.url()));
            assertEquals(0, tailed.exit(), tailed.err());
            Map<String, String> byTail = new java.util.TreeMap<>();
            for (String line : tailed.outLines()) {
                JsonNode record = JSON.readTree(line);
                byTail.put(record.get("key").asText(), Describe.sourceMixJson(record.get("value")));
            }
            assertEquals(data.model().sourceMix(), byTail, "tail of the framed source mix");
            String subjects = registry.get("/subjects").body();
            for (String output : List.of("services-share", "sector-summary", "source-mix", "programme-impact")) {
                assertTrue(subjects.contains(d.outputTopic(output, "USD") + "-value"), "the job registered "
                        + d.outputTopic(output, "USD") + "-value: " + subjects);
            }
            job.assertStopsCleanly();
        }
    }

    /**
     * The registry frozen (SIGSTOP) for 30 s while the job meets a schema id it has not seen: nothing is dead-lettered
     * for it, {@code /health/ready} says why, the retries are counted, and once the registry answers every figure is
     * the model's. The new id is the one InvestmentEvent v2 gets under the subject: the second half of the investments is
     * written with it, so the job needs the registry in the middle of the stream.
     */
    @Test
    @DisplayName("the registry stopped for 30 s mid-stream: nothing lost, no MALFORMED, readiness and a counter say why")
    void registryStopsAnswering() throws Exception {
        RandomData data = RandomData.generate("registry-outage", 1200, 29);
        List<String> lines = Files.readAllLines(data.investments());
        Path dir = Path.of("target", "it-data", "registry-outage");
        Path firstHalf = Files.write(dir.resolve("first-half.jsonl"), lines.subList(0, lines.size() / 2));
        Path secondHalf = Files.write(dir.resolve("second-half.jsonl"), lines.subList(lines.size() / 2, lines.size()));
        // what the job must make of it: the second half written with v2, which has no sourceEconomy
        ContractModel model = new ContractModel("USD");
        JsonLines.read(data.rates(), FxRate::new).forEach(model::rate);
        JsonLines.read(firstHalf, InvestmentEvent::new).forEach(model::investment);
        JsonLines.read(secondHalf, InvestmentEvent::new).forEach(e -> {
            e.setSourceEconomy(null);
            model.investment(e);
        });
        JsonLines.read(data.measures(), MeasureUpdate::new).forEach(model::measure);

        Deployment d = new Deployment("registry-outage").readingOutputsWith(
                topic -> PythonClients.consume(SharedBroker.bootstrapServers(), registry.url(), topic));
        produce(d, data.rates(), firstHalf, data.measures(), Path.of("schemas", "InvestmentEvent.avsc"));
        int port = Deployment.freePort();
        try (Jar.Running job = d.run("USD", port, registrySettings());
             Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", d.bootstrap))) {
            JobHttp.awaitHealthy(port, job);
            GroupWatch.awaitCommitted(admin, d.name + "-usd", d.topic("investments"), lines.size() / 2, job);
            // Held while the second half is written (its producer registers v2), then the registry is frozen first.
            job.pause();
            PythonClients.produce(d.bootstrap, registry.url(), d.topic("investments"),
                    Path.of("schemas", "history", "InvestmentEvent-v2.avsc"), secondHalf, "eventId");
            registry.pause();
            long frozenAt = System.nanoTime();
            job.resume();
            try {
                Leaders.awaitCondition("/health/ready answers 503 naming the registry", () -> {
                    var ready = JobHttp.get(port, "/health/ready");
                    return ready.statusCode() == 503 && ready.body().contains("schema registry");
                });
                Leaders.awaitCondition("fdi_schema_registry_retries_total counts", () ->
                        JobHttp.get(port, "/metrics").body().lines().anyMatch(l ->
                                l.startsWith("fdi_schema_registry_retries_total") && !l.endsWith(" 0.0")));
                long left = 30_000 - (System.nanoTime() - frozenAt) / 1_000_000;
                if (left > 0) {
                    Thread.sleep(left);   // the outage lasts 30 s whatever the job does: a duration, not a condition
                }
                assertTrue(job.isAlive(), "the job waits for the registry: " + job.err());
            } finally {
                registry.resume();
            }
            d.assertMatches(model, job);
            assertEquals(model.deadLetters().getOrDefault("MALFORMED", 0),
                    d.deadLettersByReason().getOrDefault("MALFORMED", 0), "no record dead-lettered for the outage");
            Leaders.awaitCondition("/health/ready is 200 again", () -> JobHttp.get(port, "/health/ready").statusCode() == 200);
            assertTrue(!job.err().contains("s3cret"), "no password in the log");
            job.assertStopsCleanly();
        }
    }

    /**
     * An output subject that already holds a schema the job's cannot read (BACKWARD: the job's ServicesShare needs
     * fields that one lacks, with no default): {@code run} refuses to start and names the subject.
     */
    @Test
    @DisplayName("an incompatible output subject stops the start, naming the subject")
    void incompatibleSubjectRefused() throws Exception {
        Deployment d = new Deployment("registry-incompatible");
        String subject = d.outputTopic("services-share", "USD") + "-value";
        String older = "{\"type\":\"record\",\"name\":\"ServicesShare\",\"namespace\":\"org.fdipulse.avro\","
                + "\"fields\":[{\"name\":\"scope\",\"type\":\"string\"}]}";
        var registered = registry.send("POST", "/subjects/" + subject + "/versions",
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("schema", older).toString());
        assertEquals(200, registered.statusCode(), registered.body());
        registry.send("PUT", "/config/" + subject, "{\"compatibility\":\"BACKWARD\"}");
        try (Jar.Running job = d.run("USD", registrySettings())) {
            Leaders.awaitCondition("run exits", () -> !job.isAlive());
            String err = job.err();
            assertTrue(err.contains(subject) && err.contains("incompatible"), err);
            assertTrue(!registry.get("/subjects/" + subject + "/versions").body().contains("2"),
                    "the job registered nothing under the subject");
        }
    }
}
