package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar target/fdi-pulse.jar COMMAND …} as a user would, in a child process. */
final class Jar {

    /** A finished command: its exit code and what it printed. */
    record Result(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** A command still running (e.g. {@code run}); {@link #stop()} sends it SIGTERM, as Ctrl-C or an orchestrator would. */
    static final class Running implements AutoCloseable {
        private final Process process;
        private final Path err;
        private final Path out;

        private Running(Process process, Path err, Path out) {
            this.process = process;
            this.err = err;
            this.out = out;
        }

        boolean isAlive() {
            return process.isAlive();
        }

        String err() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        /** Standard output, when it was kept apart ({@link #start(Map, String...)}); else it is in {@link #err()}. */
        String out() throws IOException {
            return out == null ? "" : Files.readString(out, StandardCharsets.UTF_8);
        }

        /** SIGTERM, then the job's own shutdown: it closes Kafka Streams and says so before the JVM ends (exit 143). */
        void assertStopsCleanly() throws Exception {
            process.destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command did not stop within 60 s of SIGTERM");
            assertTrue(err().contains("fdi-pulse stopped") || err().contains("broker on port"), "no clean shutdown in the log: " + err());
            assertEquals(143, process.exitValue(), "a JVM ended by SIGTERM exits 128 + 15");
        }

        /** Waits for the command to end by itself, e.g. an {@code ingest} in the background; returns its exit code. */
        int awaitExit(Duration timeout) throws Exception {
            assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "the command did not end within " + timeout + ": " + err());
            return process.exitValue();
        }

        /** SIGSTOP: the JVM freezes, neither heartbeating nor committing, until {@link #resume()}. */
        void pause() throws Exception {
            signal("STOP");
        }

        /** SIGCONT: a paused JVM carries on where it was, unaware of the time that passed (a "zombie"). */
        void resume() throws Exception {
            signal("CONT");
        }

        private void signal(String name) throws Exception {
            Jar.signal(process, name);
        }

        /** SIGKILL: no shutdown hook, no commit, no flush — a crash. */
        void kill() throws Exception {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the command did not die on SIGKILL");
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /** Commands that run until stopped and do the job's work: they get the JVM's defaults, as a user's would. */
    private static final Set<String> LONG_RUNNING = Set.of("run", "broker", "bench", "demo");

    /**
     * For the commands that live a few seconds (ingest, tail, generate), dozens of them per test class: the optimising
     * compiler and a parallel collector cost them more CPU than they save, CPU that the job and the brokers of the test
     * share on a small machine. What the command does and prints is the same.
     */
    private static final List<String> SHORT_LIVED_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private Jar() {
    }

    /** Sends a signal ({@code STOP}, {@code CONT}, …) to a child process with {@code kill}, as an operator would. */
    static void signal(Process process, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " " + process.pid());
    }

    static Result run(Duration timeout, String... args) throws Exception {
        Path out = Files.createTempFile(Path.of("target"), "cmd-out-", ".txt");
        Path err = Files.createTempFile(Path.of("target"), "cmd-err-", ".txt");
        List<String> classArchive = ClassArchive.optionsFor(args[0], true);
        Process process;
        try {
            process = builder(classArchive, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("'" + String.join(" ", args) + "' did not finish within " + timeout
                        + "; it printed: " + Files.readString(err));
            }
        } finally {
            ClassArchive.ended(classArchive);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static Result run(String... args) throws Exception {
        return run(Duration.ofMinutes(2), args);
    }

    static Running start(String... args) throws IOException {
        return startWith(List.of(), args);
    }

    /**
     * A command started through {@code launcher}, e.g. {@code ip netns exec NS} to run it inside a network namespace
     * ({@link NetworkLab}); the launcher execs the JVM, so signals reach the JVM itself.
     */
    static Running startWith(List<String> launcher, String... args) throws IOException {
        Path err = Files.createTempFile(Path.of("target"), "run-", ".log");
        ProcessBuilder builder = builder(ClassArchive.optionsFor(args[0], false), args);
        builder.command().addAll(0, launcher);
        return new Running(builder.redirectErrorStream(true).redirectOutput(err.toFile()).start(), err, null);
    }

    /** A command with these environment variables added, its standard output and error kept apart. */
    static Running start(Map<String, String> environment, String... args) throws IOException {
        Path out = Files.createTempFile(Path.of("target"), "run-out-", ".txt");
        Path err = Files.createTempFile(Path.of("target"), "run-err-", ".log");
        ProcessBuilder builder = builder(ClassArchive.optionsFor(args[0], false), args).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        return new Running(builder.start(), err, out);
    }

    private static ProcessBuilder builder(List<String> classArchive, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        if (!LONG_RUNNING.contains(args[0])) {
            command.addAll(SHORT_LIVED_JVM);
        }
        command.addAll(classArchive);
        command.addAll(List.of("-jar", System.getProperty("fdi.pulse.jar", "target/fdi-pulse.jar")));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** The jar's {@code broker} command on {@code port}, once it takes connections (a minute at most). */
    static Running startBroker(int port, java.nio.file.Path dataDir) throws Exception {
        Running broker = start("broker", "--port", String.valueOf(port), "--data-dir", dataDir.toString());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return broker;
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the broker did not start: " + broker.err());
    }
}
