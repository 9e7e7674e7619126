package org.fdipulse.cli;

import java.io.PrintWriter;
import org.fdipulse.config.KafkaFailures;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line of contract section 4. Exit codes: 0 success, 1 failure, 2 usage (a wrong or missing option).
 */
@Command(name = "fdi-pulse", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Live services-sector FDI and pilot-progress figures, from Kafka topics.",
        subcommands = {DemoCommand.class, RunCommand.class, BrokerCommand.class, IngestCommand.class, TailCommand.class,
                GenerateCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Cli())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println(cmd.getCommandName() + ": " + KafkaFailures.explain(e).orElse(e.getMessage()));
                    return 1;
                });
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
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
