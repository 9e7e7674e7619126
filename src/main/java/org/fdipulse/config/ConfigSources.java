package org.fdipulse.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.fdipulse.logging.LogSettings;

/**
 * Configuration from three places, later ones winning: a properties file ({@code --config}), environment variables
 * ({@code FDI_PULSE_*}), and command-line flags. Every Kafka Streams, consumer ({@code consumer.*}) and producer
 * ({@code producer.*}) setting passes through, beside the job's own {@code fdi.*} settings.
 *
 * <p>Environment variables follow the convention of the {@code apache/kafka} image: after the prefix, {@code _} is
 * {@code .}, {@code __} is {@code _} and {@code ___} is {@code -}, and the name is lower-cased. So
 * {@code FDI_PULSE_COMMIT_INTERVAL_MS} is {@code commit.interval.ms} and {@code FDI_PULSE_FDI_TOPIC_MEASURE___UPDATES}
 * is {@code fdi.topic.measure-updates}.
 *
 * <p>{@value LogSettings#LEVEL_ENV} and {@value LogSettings#FORMAT_ENV} are not settings of the job or of Kafka but of
 * its logging ({@link LogSettings} reads them): they are left out. As {@code log.level} and {@code log.format} they
 * reached every client Kafka Streams creates (it passes on the settings it does not know), and each client logged
 * them as supplied but not used.
 */
public final class ConfigSources {

    public static final String ENV_PREFIX = "FDI_PULSE_";
    private static final Set<String> NOT_SETTINGS = Set.of(LogSettings.LEVEL_ENV, LogSettings.FORMAT_ENV);

    private ConfigSources() {
    }

    public static Properties resolve(Path file, Map<String, String> environment, Map<String, String> flags) {
        Properties props = new Properties();
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the configuration file " + file + ": " + e.getMessage(), e);
            }
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length() && !NOT_SETTINGS.contains(name)) {
                props.setProperty(propertyName(name.substring(ENV_PREFIX.length())), value);
            }
        });
        flags.forEach((name, value) -> {
            if (value != null) {
                props.setProperty(name, value);
            }
        });
        return props;
    }

    static String propertyName(String envName) {
        return envName.replace("___", "\u0000").replace("__", "\u0001").replace('_', '.')
                .replace('\u0000', '-').replace('\u0001', '_').toLowerCase(Locale.ROOT);
    }
}
