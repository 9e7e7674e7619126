package org.fdipulse.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.fdipulse.config.KafkaFailures;
import org.fdipulse.logging.LogSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The command line of contract section 4. Exit codes: 0 success, 1 failure, 2 usage (a wrong or missing option).
 */
@Command(name = "fdi-pulse", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Live services-sector FDI and pilot-progress figures, from Kafka topics.",
        subcommands = {DemoCommand.class, RunCommand.class, BrokerCommand.class, IngestCommand.class, TailCommand.class,
                GenerateCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

    private static final String LOG_LEVEL = "--log-level";
    private static final String LOG_FORMAT = "--log-format";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // Inherited, so that they may follow the command too: `fdi-pulse run --log-level debug …`. Read from the parse
    // result and applied before the command starts (see LogSettings).
    @Option(names = LOG_LEVEL, scope = ScopeType.INHERIT, paramLabel = "[LOGGER=]LEVEL", split = ",",
            description = "Log level (trace, debug, info, warn, error, off) of the job and every logger without its own, "
                    + "or of one logger and those below it (e.g. org.apache.kafka=info); repeatable; overrides "
                    + LogSettings.LEVEL_ENV + ". Kafka keeps WARN unless named.")
    List<String> logLevels = new ArrayList<>();

    @Option(names = LOG_FORMAT, scope = ScopeType.INHERIT, paramLabel = "text|json",
            description = "Log lines as text (default) or one JSON object per line; overrides " + LogSettings.FORMAT_ENV + ".")
    String logFormat;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Cli())
                .setExecutionStrategy(Cli::executeWithLogSettings)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println(cmd.getCommandName() + ": " + KafkaFailures.explain(e).orElse(e.getMessage()));
                    return 1;
                });
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    private static int executeWithLogSettings(ParseResult parsed) {
        List<String> levels = new ArrayList<>();
        String format = null;
        for (ParseResult command = parsed; command != null; command = command.subcommand()) {
            levels.addAll(command.matchedOptionValue(LOG_LEVEL, List.<String>of()));
            format = command.matchedOptionValue(LOG_FORMAT, format);
        }
        try {
            LogSettings.of(System.getenv(), levels, format).apply();
        } catch (IllegalArgumentException e) {
            parsed.commandSpec().commandLine().getErr().println(e.getMessage());
            return 2;
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** For tests: runs a command with its standard output and error captured. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"fdi-pulse " + (version == null ? "(development build)" : version)};
        }
    }
}
