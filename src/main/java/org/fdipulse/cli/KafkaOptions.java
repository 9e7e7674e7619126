package org.fdipulse.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a command that talks to a Kafka cluster: where it is, and the settings to reach it. */
final class KafkaOptions {

    @Option(names = "--bootstrap-servers", description = "The Kafka cluster, HOST:PORT[,…] (or bootstrap.servers in --config).")
    String bootstrapServers;

    @Mixin
    SettingsOptions settings;

    /** The resolved settings; {@code extraFlags} (a command's own flags) win over --set. */
    Properties resolve(Map<String, String> extraFlags) {
        Map<String, String> flags = new LinkedHashMap<>();
        if (bootstrapServers != null) {
            flags.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        flags.putAll(extraFlags);
        return settings.resolve(flags);
    }

    Properties resolve() {
        return resolve(Map.of());
    }

    /** @throws IllegalArgumentException naming every way to give it, when no cluster is given */
    static String bootstrapOf(Properties settings) {
        String bootstrap = settings.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("no Kafka cluster given: pass --bootstrap-servers HOST:PORT (or "
                    + "FDI_PULSE_BOOTSTRAP_SERVERS, or bootstrap.servers in --config)");
        }
        return bootstrap;
    }
}
