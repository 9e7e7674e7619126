package org.fdipulse.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Instances of the job as separate processes, as they run in production: {@code run} in child JVMs started from this
 * one's class path (the shaded jar under {@code java -jar}), with the same application id, each with its own state
 * directory and HTTP port on this machine only. Their settings go in a file, not on the command line, so that no
 * secret of the user's shows in the process list.
 */
final class JobProcesses implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final List<Process> processes;
    private final List<Path> logs;
    /** Stops the instances when the benchmark itself is stopped (Ctrl-C): they would outlive it, retrying a dead broker. */
    private final Thread stopOnExit = new Thread(this::stop, "bench-job-processes-stop");

    private JobProcesses(List<Process> processes, List<Path> logs) {
        this.processes = processes;
        this.logs = logs;
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** @param config the job's settings (bootstrap servers, application id, guarantee, threads…); a state dir each */
    static JobProcesses start(Properties config, int count, Path home) throws IOException {
        String applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        JobProcesses started = new JobProcesses(processes, logs);
        try {
            for (int i = 1; i <= count; i++) {
                Properties own = new Properties();
                own.putAll(config);
                own.setProperty(StreamsConfig.STATE_DIR_CONFIG, home.resolve("state-" + applicationId + "-" + i).toString());
                Path settings = home.resolve(applicationId + "-" + i + ".properties");
                try (OutputStream file = Files.newOutputStream(settings)) {
                    own.store(file, "bench: job instance " + i + " of " + count);
                }
                Path log = home.resolve(applicationId + "-" + i + ".log");
                logs.add(log);
                processes.add(new ProcessBuilder(command(settings)).redirectErrorStream(true).redirectOutput(log.toFile()).start());
            }
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    private static List<String> command(Path settings) throws IOException {
        long maxHeapMb = Runtime.getRuntime().maxMemory() / 1024 / 1024;
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeapMb + "m",
                "-cp", System.getProperty("java.class.path"), "org.fdipulse.Main",
                "run", "--config", settings.toString(), "--http-host", "127.0.0.1", "--http-port", String.valueOf(freePort()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Whether any instance has ended: the benchmark would otherwise wait for work nobody does. */
    boolean anyEnded() {
        return processes.stream().anyMatch(p -> !p.isAlive());
    }

    /** CPU time of the whole processes so far (stream threads, but also GC, JIT, HTTP server and the rate companion). */
    long cpuNanos() {
        return processes.stream().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    /** The last lines of each instance's log, to say why one ended. */
    String logTails() {
        StringBuilder tails = new StringBuilder();
        for (Path log : logs) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                tails.append("--- ").append(log).append(System.lineSeparator());
                lines.subList(Math.max(0, lines.size() - 20), lines.size())
                        .forEach(l -> tails.append(l).append(System.lineSeparator()));
            } catch (IOException e) {
                tails.append("(").append(log).append(" unreadable: ").append(e.getMessage()).append(")").append(System.lineSeparator());
            }
        }
        return tails.toString();
    }

    /** SIGTERM, as an orchestrator would: each instance closes Kafka Streams and leaves the group; SIGKILL after a minute. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing left to undo
        }
    }

    private void stop() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
