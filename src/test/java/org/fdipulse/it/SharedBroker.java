package org.fdipulse.it;

import java.nio.file.Path;
import java.util.UUID;
import org.fdipulse.broker.EmbeddedBroker;
import org.fdipulse.logging.LogSettings;

/** One real Kafka broker for all integration tests of this JVM, started on first use and stopped at exit. */
final class SharedBroker {

    private static EmbeddedBroker broker;

    private SharedBroker() {
    }

    static synchronized String bootstrapServers() {
        if (broker == null) {
            LogSettings.quietenEmbeddedBroker(); // as demo does: the test broker's own noise is not the job's
            broker = EmbeddedBroker.start(0, Path.of("target", "it-broker", UUID.randomUUID().toString()));
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "it-broker-shutdown"));
        }
        return broker.bootstrapServers();
    }
}
