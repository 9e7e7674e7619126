package org.fdipulse.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.fdipulse.broker.EmbeddedBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Runs a standalone single-node Kafka broker (KRaft) until stopped (Ctrl-C or SIGTERM).")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092", description = "Port of the PLAINTEXT listener (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "fdi-pulse-broker",
            description = "Where the broker keeps its data; reused when it exists (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedBroker broker = EmbeddedBroker.start(port, dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println("Kafka broker running: --bootstrap-servers " + broker.bootstrapServers()
                + " (data in " + dataDir.toAbsolutePath() + "). Ctrl-C stops it.");
        stopped.await();
        return 0;
    }
}
