package org.fdipulse.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.fdipulse.app.PulseApp;
import org.fdipulse.app.TopicProvisioner;
import org.fdipulse.broker.EmbeddedBroker;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.config.Topics;
import org.fdipulse.generate.OfficialScenario;
import org.fdipulse.generate.PlantedEffectScenario;
import org.fdipulse.reference.ReferenceData;
import org.fdipulse.http.HttpSettings;
import org.fdipulse.http.PulseHttpServer;
import org.fdipulse.generate.Scenario;
import org.fdipulse.ingest.Ingestor.Kind;
import org.fdipulse.logging.LogSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts a Kafka broker, the job and a generator in this process, streams the "
                + OfficialScenario.NAME + " scenario (or --scenario " + PlantedEffectScenario.NAME + ") in event-time order at a watchable pace, and prints live summaries.",
                "Everything lives in a temporary folder; Ctrl-C stops it."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--pace", defaultValue = "60", description = "Records per second (default: ${DEFAULT-VALUE}).")
    int pace;

    @Option(names = "--http-port", defaultValue = "8080", description = "Port of the HTTP API and dashboard (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "127.0.0.1",
            description = "Address the dashboard listens on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 to show it to others).")
    String httpHost;

    @Option(names = "--reporting-currency", defaultValue = "CNY",
            description = "CNY (default, the currency of the published figures) or USD.")
    String reportingCurrency;

    @Option(names = "--summary-every", defaultValue = "5", description = "Seconds between console summaries (default: ${DEFAULT-VALUE}).")
    int summaryEvery;

    @Option(names = "--duration", description = "Stop after this many seconds (default: run until stopped).")
    Integer durationSeconds;

    @Option(names = "--seed", defaultValue = "1", description = "The scenario's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scenario", defaultValue = OfficialScenario.NAME,
            description = OfficialScenario.NAME + " (default) or " + PlantedEffectScenario.NAME
                    + " (2014-2025 with comparison cities and a known programme impact, --effect).")
    String scenarioName;

    @Option(names = "--effect", defaultValue = "0.3", description = "For " + PlantedEffectScenario.NAME
            + ": the pilot's effect on ln(1+services/1e6) (default: ${DEFAULT-VALUE}).")
    double effect;

    @Mixin
    SettingsOptions settings;

    @Override
    public Integer call() throws Exception {
        Path home = Files.createTempDirectory("fdi-pulse-demo-");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-shutdown"));
        System.out.println("fdi-pulse demo: starting a Kafka broker and the job in " + home + " …");
        LogSettings.quietenEmbeddedBroker();
        try (EmbeddedBroker broker = EmbeddedBroker.start(0, home.resolve("broker"))) {
            // the user's settings (e.g. --set fdi.output.format=json), under the demo's own broker and directories
            Properties config = settings.resolve(Map.of());
            config.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            config.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "fdi-pulse-demo");
            config.setProperty(StreamsConfig.STATE_DIR_CONFIG, home.resolve("state").toString());
            config.setProperty(PulseSettings.REPORTING_CURRENCY, reportingCurrency);
            config.setProperty(StreamsConfig.APPLICATION_SERVER_CONFIG, PulseHttpServer.applicationServer("localhost", httpPort));
            Scenario scenario = scenario();
            if (scenario.cities().isPresent()) {   // its comparison cities: the job runs with the file generate writes
                Path cities = Files.writeString(home.resolve(Scenario.CITIES_FILE), scenario.cities().get());
                config.setProperty(ReferenceData.CITIES_FILE, cities.toString());
            }
            Topics topics = Topics.from(config);
            TopicProvisioner.ensureAll(config);
            try (KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers())) {
                // Rates first: the job loads every rate on the topic before it processes the first investment.
                scenario.rates().forEach(r -> send(producer, topics, Kind.FX_RATES, r));
                producer.flush();
                try (PulseApp app = PulseApp.start(config);
                     PulseHttpServer http = PulseHttpServer.start(app, HttpSettings.from(config, httpHost, httpPort, "localhost"));
                     LiveConsole console = LiveConsole.start(broker.bootstrapServers(), topics, System.out,
                             Duration.ofSeconds(summaryEvery))) {
                    if (!app.awaitRunning(Duration.ofMinutes(2))) {
                        System.err.println("the job did not start; see the log above");
                        return 1;
                    }
                    System.out.println(whereToLook(broker.bootstrapServers(), scenario));
                    stream(producer, topics, scenario, stop);
                    System.out.println("all " + (scenario.investments().size() + scenario.measures().size())
                            + " records sent; the figures stay live until you stop the demo (Ctrl-C).");
                    awaitStop(stop);
                }
            }
        }
        return 0;
    }

    private Scenario scenario() {
        return switch (scenarioName) {
            case OfficialScenario.NAME -> OfficialScenario.generate(seed);
            case PlantedEffectScenario.NAME -> PlantedEffectScenario.generate(seed, effect);
            default -> throw new IllegalArgumentException("--scenario '" + scenarioName + "' is neither "
                    + OfficialScenario.NAME + " nor " + PlantedEffectScenario.NAME);
        };
    }

    private String whereToLook(String bootstrap, Scenario scenario) {
        return String.format("%nThe job is running. Streaming %d investments and %d measure updates at %d records/s."
                        + "%n  Summaries print here every %d s (reporting currency %s)."
                        + "%n  Watch a topic:   java -jar target/fdi-pulse.jar tail --bootstrap-servers %s fdi.services-share --from-beginning"
                        + "%n  Send your own:   java -jar target/fdi-pulse.jar ingest --bootstrap-servers %s --kind investments FILE"
                        + "%n  Dashboard:       http://localhost:%d/   (HTTP API under /api/v1/, live feed /api/v1/stream)%n",
                scenario.investments().size(), scenario.measures().size(), pace, summaryEvery, reportingCurrency,
                bootstrap, bootstrap, httpPort);
    }

    private void stream(KafkaProducer<String, byte[]> producer, Topics topics, Scenario scenario, CountDownLatch stop)
            throws InterruptedException {
        record Timed(Instant at, Kind kind, SpecificRecordBase record) {
        }
        List<Timed> all = new ArrayList<>();
        scenario.investments().forEach(r -> all.add(new Timed(r.getOccurredAt(), Kind.INVESTMENTS, r)));
        scenario.measures().forEach(r -> all.add(new Timed(r.getOccurredAt(), Kind.MEASURES, r)));
        all.sort(Comparator.comparing(Timed::at));
        long intervalNanos = 1_000_000_000L / Math.max(1, pace);
        long next = System.nanoTime();
        for (Timed t : all) {
            if (stop.getCount() == 0 || timeUp()) {
                return;
            }
            send(producer, topics, t.kind(), t.record());
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        producer.flush();
    }

    private final long started = System.nanoTime();

    private boolean timeUp() {
        return durationSeconds != null && System.nanoTime() - started > TimeUnit.SECONDS.toNanos(durationSeconds);
    }

    private void awaitStop(CountDownLatch stop) throws InterruptedException {
        while (!timeUp() && !stop.await(200, TimeUnit.MILLISECONDS)) {
            // running until Ctrl-C or --duration
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, Topics topics, Kind kind, SpecificRecordBase record) {
        producer.send(new ProducerRecord<>(kind.topic(topics), kind.keyOf(record), kind.encode(record)));
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

}
