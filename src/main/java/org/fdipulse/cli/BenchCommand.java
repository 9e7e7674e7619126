package org.fdipulse.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fdipulse.bench.Benchmark;
import org.fdipulse.bench.ThroughputChart;
import org.fdipulse.output.JsonViews;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the job against the limit of this machine on an embedded broker, and prints a table "
                + "and one line of JSON. See docs/performance.md."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--events", defaultValue = "1000000", description = "Investment records to preload (default: ${DEFAULT-VALUE}); measure updates add a quarter.")
    int events;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--threads", description = "Stream threads of the job (default: one per core, here ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--instances", defaultValue = "1", description = "Also run the job as this many processes with one "
            + "application id (child JVMs of this jar, same settings and threads each) and report their combined rate "
            + "(default: ${DEFAULT-VALUE}: not run).")
    int instances;

    @Option(names = "--guarantee", defaultValue = "both",
            description = "exactly_once_v2, or both (also at_least_once) (default: ${DEFAULT-VALUE}).")
    String guarantee;

    @Option(names = "--steady-rate", defaultValue = "10000", description = "Events/s for the freshness run (default: ${DEFAULT-VALUE}).")
    int steadyRate;

    @Option(names = "--steady-seconds", defaultValue = "20", description = "Length of the freshness run (default: ${DEFAULT-VALUE}).")
    int steadySeconds;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random scenario (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--append-to", paramLabel = "FILE", description = "Also append the JSON line to FILE (e.g. docs/bench-results.jsonl).")
    Path appendTo;

    @Option(names = "--chart", paramLabel = "SVG", description = "Do not measure: draw throughput against event count as SVG, "
            + "from the results in --from.")
    Path chart;

    @Option(names = "--from", paramLabel = "FILE", defaultValue = "docs/bench-results.jsonl",
            description = "Results --chart reads (default: ${DEFAULT-VALUE}).")
    Path from;

    @Mixin
    SettingsOptions settings;

    @Override
    public Integer call() throws Exception {
        if (chart != null) {
            ThroughputChart.render(from, chart);
            System.out.println("wrote " + chart + " from " + from);
            return 0;
        }
        if (instances < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--instances must be 1 or more, not " + instances);
        }
        if (!"both".equals(guarantee) && !"exactly_once_v2".equals(guarantee)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--guarantee must be exactly_once_v2 or both, not " + guarantee);
        }
        ObjectNode result = new Benchmark(new Benchmark.Options(events, partitions, threads, instances, "both".equals(guarantee), steadyRate,
                steadySeconds, seed, settings.resolve(Map.of())), System.out).run();
        if (appendTo != null) {
            Files.writeString(appendTo, JsonViews.MAPPER.writeValueAsString(result) + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return 0;
    }
}
