package org.fdipulse.cli;

import java.util.concurrent.Callable;
import org.fdipulse.bench.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the job against the limit of this machine on an embedded broker, and prints a table "
                + "and one line of JSON. See docs/performance.md."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "1000000", description = "Investment records to preload (default: ${DEFAULT-VALUE}); measure updates add a quarter.")
    int events;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--guarantee", defaultValue = "both",
            description = "exactly_once_v2, or both (also at_least_once) (default: ${DEFAULT-VALUE}).")
    String guarantee;

    @Option(names = "--steady-rate", defaultValue = "5000", description = "Events/s for the freshness run (default: ${DEFAULT-VALUE}).")
    int steadyRate;

    @Option(names = "--steady-seconds", defaultValue = "20", description = "Length of the freshness run (default: ${DEFAULT-VALUE}).")
    int steadySeconds;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random scenario (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        new Benchmark(new Benchmark.Options(events, partitions, "both".equals(guarantee), steadyRate, steadySeconds, seed),
                System.out).run();
        return 0;
    }
}
