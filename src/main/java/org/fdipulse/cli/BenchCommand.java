package org.fdipulse.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "The benchmark (not built yet).")
final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("the benchmark is not built yet; it arrives with the performance work");
        return 1;
    }
}
