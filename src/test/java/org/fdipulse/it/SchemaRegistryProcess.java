package org.fdipulse.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real schema registry with Confluent's REST API, as a child JVM: Apicurio Registry 2.4.2.Final built by Maven
 * from {@code src/test/fixtures/schema-registry/pom.xml} (no sources; a Quarkus legacy jar, in-memory storage, empty at
 * each start). The Confluent-compatible API is at {@link #url()}. Set up as Confluent's registry starts: global
 * compatibility BACKWARD (Apicurio's default is NONE).
 *
 * <p>Where it is not Confluent's (shared/notes/schema-registry.md): ids are Apicurio content ids; two clients
 * registering at the same moment may get 500 or 409 (retry); an incompatible schema gets 409 with error_code 0; a
 * schema differing from a registered one only in its JSON text (key order, whitespace, a client's rendering) becomes a
 * new version with a new id, and a lookup of it ({@code POST /subjects/{s}}) answers 40401, unless the request has
 * {@code ?normalize=true}.
 */
final class SchemaRegistryProcess implements AutoCloseable {

    static final Path FIXTURE = Path.of("src", "test", "fixtures", "schema-registry");
    private static final Path RUNNER = FIXTURE.resolve(Path.of("target", "schema-registry-1-runner.jar"));
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private SchemaRegistryProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Builds the fixture if needed, starts the registry on a free loopback port (other ports if that one is taken
     * before the registry binds it), waits until its API answers and sets global compatibility to BACKWARD.
     */
    static SchemaRegistryProcess start() throws Exception {
        long began = System.nanoTime();
        buildIfNeeded();
        long built = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Path log = Files.createDirectories(Path.of("target", "it-schema-registry"))
                    .resolve("registry-" + port + "-" + UUID.randomUUID() + ".log");
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx192m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                    "-jar", RUNNER.toAbsolutePath().toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            SchemaRegistryProcess registry = new SchemaRegistryProcess(process, port, log);
            try {
                registry.awaitReady();
            } catch (AssertionError e) {
                registry.stop();
                String text = tailOf(log);
                if (attempt < 3 && (text.contains("already bound") || text.contains("in use"))) {
                    System.out.println("the schema registry could not bind port " + port + "; trying another");
                    continue;
                }
                throw e;
            }
            HttpResponse<String> config = registry.send("PUT", "/config", "{\"compatibility\":\"BACKWARD\"}");
            if (config.statusCode() != 200) {
                registry.stop();
                throw new AssertionError("PUT /config BACKWARD answered " + config.statusCode() + ": " + config.body());
            }
            System.out.printf("[measured] schema registry up in %.1f s (fixture build %.1f s of it): %s%n",
                    (System.nanoTime() - began) / 1e9, (built - began) / 1e9, registry.url());
            return registry;
        }
    }

    /** The Confluent-compatible API's base URL, e.g. {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
    String url() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@code GET url() + path}, e.g. {@code /schemas/ids/1}. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    /** A request to {@code url() + path} with an optional JSON body, as a Confluent client sends it. */
    HttpResponse<String> send(String method, String path, String jsonBody) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", CONTENT_TYPE);
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGSTOP: the registry freezes; connections are accepted by the kernel but nothing answers until {@link #resume()}. */
    void pause() throws Exception {
        signal("STOP");
    }

    /** SIGCONT: a paused registry carries on. */
    void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Jar.signal(process, name);
    }

    /** SIGTERM (a paused registry is continued first, or it could not act on it), then SIGKILL after 30 s. */
    void stop() throws Exception {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        new ProcessBuilder("kill", "-CONT", String.valueOf(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /** {@code GET /subjects} answers 200; fails if the process dies first or {@link #START_TIMEOUT} passes. */
    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("the schema registry exited (" + process.exitValue() + "); its log " + log
                        + " ends: " + tailOf(log));
            }
            try {
                if (get("/subjects").statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the schema registry did not answer within " + START_TIMEOUT + "; its log "
                        + log + " ends: " + tailOf(log));
            }
            Thread.sleep(200);
        }
    }

    /**
     * Runs {@code mvn -B -q package} in the fixture folder when its runner jar is missing or older than its pom:
     * offline first ({@code -o}, seconds to fail when the local repository lacks something), then online, which
     * fills the repository on a fresh machine. One build at a time, also across JVMs (a file lock).
     */
    private static synchronized void buildIfNeeded() throws Exception {
        if (upToDate()) {
            return;
        }
        Path target = Files.createDirectories(FIXTURE.resolve("target"));
        try (FileChannel lockFile = FileChannel.open(target.resolve("build.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
            if (upToDate()) {
                return; // another JVM built it while this one waited
            }
            Path buildLog = Files.createDirectories(Path.of("target", "it-schema-registry")).resolve("fixture-build.log");
            long started = System.nanoTime();
            int exit = mvn(buildLog, "-o");
            if (exit != 0) {
                System.out.println("the schema registry fixture did not build offline; building online (" + buildLog + ")");
                exit = mvn(buildLog);
            }
            if (exit != 0 || !upToDate()) {
                throw new AssertionError("building the schema registry (mvn -B -q package in " + FIXTURE + ") failed with exit "
                        + exit + "; " + buildLog + " ends: " + tailOf(buildLog));
            }
            System.out.printf("[measured] schema registry fixture built in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    private static boolean upToDate() throws IOException {
        return Files.exists(RUNNER)
                && Files.getLastModifiedTime(RUNNER).compareTo(Files.getLastModifiedTime(FIXTURE.resolve("pom.xml"))) >= 0;
    }

    /** {@code mvn -B -q [options] package} in the fixture folder, its output appended to the build log. */
    private static int mvn(Path buildLog, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q"));
        command.addAll(List.of(options));
        command.add("package");
        Files.writeString(buildLog, "$ " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process build = new ProcessBuilder(command).directory(FIXTURE.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(buildLog.toFile())).start();
        if (!build.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            build.destroyForcibly();
            throw new AssertionError("building the schema registry took more than " + BUILD_TIMEOUT + "; see " + buildLog);
        }
        return build.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tailOf(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "(no log)";
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.substring(Math.max(0, text.length() - 3000));
    }
}
