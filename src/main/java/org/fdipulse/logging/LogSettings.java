package org.fdipulse.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The log levels and line format chosen at start, on top of the defaults in {@code logback.xml}: first the
 * environment ({@value #LEVEL_ENV}, {@value #FORMAT_ENV}), then the {@code --log-level}/{@code --log-format} flags.
 * <p>
 * A level setting is a comma-separated list of {@code LEVEL} (the job's own loggers and every logger without a level
 * of its own) and {@code LOGGER=LEVEL} items, e.g. {@code debug,org.apache.kafka.streams=info}. A bare level leaves
 * Kafka's own WARN default alone on purpose, so {@code error} still shows a client's authentication failure; name
 * {@code org.apache.kafka} to change that.
 */
public final class LogSettings {

    public static final String LEVEL_ENV = "FDI_PULSE_LOG_LEVEL";
    public static final String FORMAT_ENV = "FDI_PULSE_LOG_FORMAT";

    /** One line of text per event (the default), or one JSON object per line for a log shipper. */
    public enum Format {
        TEXT, JSON;

        static Format parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown log format '" + name + "': use text or json");
            }
        }
    }

    private final Map<String, Level> levels;
    private final Format format;

    private LogSettings(Map<String, Level> levels, Format format) {
        this.levels = levels;
        this.format = format;
    }

    /**
     * The settings from the environment, then the flags (later items win).
     *
     * @throws IllegalArgumentException naming the unknown level or format
     */
    public static LogSettings of(Map<String, String> environment, List<String> levelFlags, String formatFlag) {
        List<String> specs = new ArrayList<>();
        if (environment.get(LEVEL_ENV) != null) {
            specs.add(environment.get(LEVEL_ENV));
        }
        specs.addAll(levelFlags);
        Map<String, Level> levels = new LinkedHashMap<>();
        for (String spec : specs) {
            levels.putAll(parseLevels(spec));
        }
        String format = formatFlag != null ? formatFlag : environment.getOrDefault(FORMAT_ENV, "text");
        return new LogSettings(levels, Format.parse(format));
    }

    /** {@code LEVEL} and {@code LOGGER=LEVEL} items; the root logger's name for a bare level. */
    static Map<String, Level> parseLevels(String spec) {
        Map<String, Level> levels = new LinkedHashMap<>();
        for (String item : spec.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int equals = item.indexOf('=');
            String logger = equals < 0 ? org.slf4j.Logger.ROOT_LOGGER_NAME : item.substring(0, equals).trim();
            String level = (equals < 0 ? item : item.substring(equals + 1)).trim();
            Level parsed = Level.toLevel(level, null);
            if (parsed == null || logger.isEmpty()) {
                throw new IllegalArgumentException("unknown log level setting '" + item.trim()
                        + "': use LEVEL or LOGGER=LEVEL, LEVEL one of trace, debug, info, warn, error, off");
            }
            levels.put(logger, parsed);
        }
        return levels;
    }

    Map<String, Level> levels() {
        return levels;
    }

    Format format() {
        return format;
    }

    /** Applies the settings to logback; does nothing under another SLF4J backend (e.g. one a library user chose). */
    public void apply() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
        if (format == Format.JSON) {
            useJsonLines(context);
        }
    }

    /**
     * For {@code demo} and {@code run --embedded-broker}: the broker in this process is a convenience there, so its own
     * warnings (an empty metadata log on first start, internal topics it was asked to create twice, …) are noise to
     * someone watching the job. Only the broker's loggers that have no level of their own are lowered (a level the
     * user named stays), and never {@code org.apache.kafka.clients} or {@code org.apache.kafka.streams}, which the
     * job's clients share. The standalone {@code broker} command keeps them.
     */
    public static void quietenEmbeddedBroker() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        EMBEDDED_BROKER_LEVELS.forEach((name, level) -> {
            Logger logger = context.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(level);
            }
        });
    }

    private static final Map<String, Level> EMBEDDED_BROKER_LEVELS = embeddedBrokerLevels();

    private static Map<String, Level> embeddedBrokerLevels() {
        Map<String, Level> levels = new LinkedHashMap<>();
        // Under exactly-once, the broker logs an OutOfOrderSequenceException at ERROR when a transactional producer
        // resends a batch to a repartition topic whose old records Kafka Streams has just purged; the producer's retry
        // succeeds (the demo's totals match the published figures to the yuan).
        levels.put("kafka.server.ReplicaManager", Level.OFF);
        for (String name : List.of("org.apache.kafka.controller", "org.apache.kafka.server",
                "org.apache.kafka.raft", "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.storage",
                "org.apache.kafka.coordinator")) {
            levels.put(name, Level.ERROR);
        }
        return levels;
    }

    private static void useJsonLines(LoggerContext context) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                JsonLineLayout layout = new JsonLineLayout();
                layout.setContext(context);
                layout.start();
                LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
                encoder.setContext(context);
                encoder.setLayout(layout);
                encoder.start();
                appender.stop();
                appender.setEncoder(encoder);
                appender.start();
            }
        }
    }
}
