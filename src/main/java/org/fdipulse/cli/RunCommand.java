package org.fdipulse.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.StreamsConfig;
import org.fdipulse.app.PulseApp;
import org.fdipulse.broker.EmbeddedBroker;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.http.HttpSettings;
import org.fdipulse.http.InternalAccess;
import org.fdipulse.http.PulseHttpServer;
import org.fdipulse.logging.LogSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the job until stopped (Ctrl-C or SIGTERM shut it down cleanly).",
                "Configuration: --config FILE, then FDI_PULSE_* environment variables, then flags (flags win). "
                        + "Any Kafka Streams, consumer.* or producer.* setting passes through with --set."})
final class RunCommand implements Callable<Integer> {

    static final class Broker {
        @Option(names = "--bootstrap-servers", required = true, description = "The Kafka cluster, HOST:PORT[,…].")
        String bootstrapServers;

        @Option(names = "--embedded-broker", required = true,
                description = "Start a single-node broker in this process (data under the state dir).")
        boolean embedded;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Broker broker;

    @Option(names = "--http-port", defaultValue = "8080", description = "Port of the HTTP API (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "0.0.0.0",
            description = "Address the HTTP API listens on (default: ${DEFAULT-VALUE}, every interface; 127.0.0.1 for this machine only).")
    String httpHost;

    @Option(names = "--advertised-host", defaultValue = "localhost",
            description = "The host name other instances use to reach this one's HTTP API (default: ${DEFAULT-VALUE}).")
    String advertisedHost;

    @Option(names = "--state-dir", description = "Where the job keeps its local state (default: fdi-pulse-state).")
    Path stateDir;

    @Option(names = "--application-id", description = "The Kafka Streams application.id (default: fdi-pulse).")
    String applicationId;

    @Option(names = "--reporting-currency", description = "USD (default) or CNY, or any currency with rates.")
    String reportingCurrency;

    @Mixin
    SettingsOptions settings;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        if (broker != null && broker.bootstrapServers != null) {
            flags.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers);
        }
        flags.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        flags.put(StreamsConfig.STATE_DIR_CONFIG, stateDir == null ? null : stateDir.toString());
        flags.put(PulseSettings.REPORTING_CURRENCY, reportingCurrency);
        Properties props = settings.resolve(flags);
        props.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, "fdi-pulse-state");
        props.setProperty(StreamsConfig.APPLICATION_SERVER_CONFIG, PulseHttpServer.applicationServer(advertisedHost, httpPort));
        HttpSettings http;
        try {
            http = HttpSettings.from(props, httpHost, httpPort, advertisedHost);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Optional<String> refusal = PulseHttpServer.refusal(http);
        if (refusal.isPresent()) {
            System.err.println(refusal.get());
            return 2;
        }
        // Kafka's clients never see the secret (they would list unknown settings by name only, but need it not at all)
        props.remove(InternalAccess.TOKEN);

        EmbeddedBroker embedded = null;
        if (broker != null && broker.embedded) {
            LogSettings.quietenEmbeddedBroker();
            embedded = EmbeddedBroker.start(0, Path.of(props.getProperty(StreamsConfig.STATE_DIR_CONFIG), "broker"));
            props.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, embedded.bootstrapServers());
        }
        if (props.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            System.err.println("no Kafka cluster given: pass --bootstrap-servers HOST:PORT (or FDI_PULSE_BOOTSTRAP_SERVERS,"
                    + " or bootstrap.servers in --config), or --embedded-broker");
            return 2;
        }
        return runUntilStopped(props, http, embedded);
    }

    private int runUntilStopped(Properties props, HttpSettings httpSettings, EmbeddedBroker embedded) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        PulseApp app = PulseApp.start(props);
        PulseHttpServer http = PulseHttpServer.start(app, httpSettings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            awaitQuietly(closed);
        }, "fdi-pulse-shutdown"));
        System.out.println("fdi-pulse is running against " + props.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)
                + "; HTTP API and dashboard on http://" + advertisedHost + ":" + httpPort + "/ . Ctrl-C stops it.");
        int exit = 0;
        while (!stop.await(1, TimeUnit.SECONDS)) {
            if (app.hasStopped()) {
                System.err.println("fdi-pulse stopped on an error (" + app.stoppedReason() + "); see the log above for the "
                        + "cause, fix it and start it again");
                exit = 1;
                break;
            }
        }
        http.close();
        app.close();
        if (embedded != null) {
            embedded.close();
        }
        closed.countDown();
        return exit;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
