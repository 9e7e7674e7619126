package org.fdipulse.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.fdipulse.config.ConfigSources;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to Kafka shares: where the cluster is and how to reach it. Settings come from
 * a properties file ({@code --config}, or {@code --command-config} as Kafka's own tools call it), then the
 * {@code FDI_PULSE_*} environment, then {@code --set} and {@code --bootstrap-servers} (later ones win), so that a
 * password can live in a file or the environment instead of on the command line.
 */
final class KafkaOptions {

    @Option(names = "--bootstrap-servers", description = "The Kafka cluster, HOST:PORT[,…] (or bootstrap.servers in --config).")
    String bootstrapServers;

    @Option(names = {"--config", "--command-config"}, paramLabel = "FILE",
            description = "A properties file of Kafka client settings (security.protocol, sasl.*, ssl.*, …) and fdi.* settings.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting, e.g. --set security.protocol=SASL_SSL.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The resolved settings; {@code extraFlags} (a command's own flags) win over --set. */
    Properties resolve(Map<String, String> extraFlags) {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        if (bootstrapServers != null) {
            flags.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        flags.putAll(extraFlags);
        return ConfigSources.resolve(config, System.getenv(), flags);
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
