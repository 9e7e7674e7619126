package org.fdipulse.cli;

import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.fdipulse.serde.registry.RegistrySettings;
import org.fdipulse.serde.registry.SchemaRegistryClient;
import java.util.concurrent.Callable;
import org.fdipulse.app.TopicProvisioner;
import org.fdipulse.config.Topics;
import org.fdipulse.ingest.Ingestor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Sends a JSON-lines file (- for standard input) to an input topic, one Avro record per line.",
                "Lines the schema cannot hold are reported on standard error as 'line N: REASON: message' and skipped;"
                        + " the exit code is then 1."})
final class IngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--kind", required = true, description = "investments, measures or fx-rates.",
            converter = KindConverter.class)
    Ingestor.Kind kind;

    @Option(names = "--topic", description = "Another topic than the kind's default.")
    String topic;

    @Option(names = "--format", defaultValue = "avro", paramLabel = "avro|confluent-avro",
            description = "avro (single-object encoding, the default) or confluent-avro: framed with the schema's id in "
                    + "the registry of schema.registry.url, registered under <topic>-value unless auto.register.schemas=false.")
    String format;

    @Parameters(index = "0", paramLabel = "FILE", description = "A JSON-lines file, or - for standard input.")
    String file;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Properties config = kafka.resolve();
        KafkaOptions.bootstrapOf(config);
        String target = topic != null ? topic : kind.topic(Topics.from(config));
        TopicProvisioner.ensureInput(config, target, kind == Ingestor.Kind.FX_RATES);
        // An InputStreamReader replaces bytes that are not UTF-8 (with U+FFFD) where Files.newBufferedReader would
        // throw, and end the whole file at one bad byte.
        try (Reader lines = new InputStreamReader("-".equals(file) ? System.in : Files.newInputStream(Path.of(file)),
                StandardCharsets.UTF_8)) {
            Ingestor.Result result = new Ingestor(config, registryFor(format, config)).ingest(kind, target, lines, err);
            err.println("sent " + result.sent() + " records to " + target + "; " + result.rejected() + " lines rejected"
                    + (result.failed() > 0 ? "; " + result.failed() + " not accepted by the broker" : ""));
            err.flush();
            return result.clean() ? 0 : 1;
        }
    }

    static final class KindConverter implements picocli.CommandLine.ITypeConverter<Ingestor.Kind> {
        @Override
        public Ingestor.Kind convert(String value) {
            try {
                return Ingestor.Kind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a kind; use investments, measures or fx-rates");
            }
        }
    }

    /** The registry's client for {@code confluent-avro}; none for {@code avro}. */
    static Optional<SchemaRegistryClient> registryFor(String format, Properties config) {
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "avro" -> Optional.empty();
            case "confluent-avro" -> Optional.of(new SchemaRegistryClient(RegistrySettings.from(config).orElseThrow(() ->
                    new IllegalArgumentException("--format confluent-avro needs " + RegistrySettings.URL
                            + "; give the registry's URL with --set or in --config"))));
            default -> throw new IllegalArgumentException("--format '" + format + "' is neither avro nor confluent-avro");
        };
    }
}
