package org.fdipulse.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.fdipulse.config.ConfigSources;
import picocli.CommandLine.Option;

/**
 * Where every command that talks to Kafka reads its settings: a properties file ({@code --config}, or
 * {@code --command-config} as Kafka's own tools call it), then the {@code FDI_PULSE_*} environment, then
 * {@code --set} (later ones win), so that a password can live in a file or the environment instead of on the
 * command line.
 */
final class SettingsOptions {

    @Option(names = {"--config", "--command-config"}, paramLabel = "FILE",
            description = "A properties file: Kafka client and Streams settings (security.protocol, sasl.*, ssl.*, …) and fdi.* settings.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any setting, e.g. --set commit.interval.ms=200.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The resolved settings; {@code commandFlags} (a command's own flags, null values ignored) win over --set. */
    Properties resolve(Map<String, String> commandFlags) {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        commandFlags.forEach((name, value) -> {
            if (value != null) {
                flags.put(name, value);
            }
        });
        return ConfigSources.resolve(config, System.getenv(), flags);
    }
}
