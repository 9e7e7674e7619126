package org.fdipulse.it.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka Connect standalone worker, {@code connect-standalone.sh} as a user runs it: {@code ConnectStandalone} in a
 * child JVM whose class path is {@code connect-runtime} and {@code connect-json} with all their dependencies, Connect's
 * own Jetty (12.0) and Jersey included, plus the test classes (the sink connector). Connectors are added through its
 * REST API. The class path is resolved from {@code src/test/connect-worker/pom.xml} on its own, so it never meets the
 * job's class path, where Javalin brings Jetty 12.1: the two Jetty versions never share a class loader.
 * Keys through StringConverter, values through JsonConverter with {@code schemas.enable=false}, as a user reading
 * schemaless JSON topics configures it.
 */
public final class StandaloneWorker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORKER_POM = Path.of("src", "test", "connect-worker", "pom.xml");
    private static final Path CLASSPATH_FILE = Path.of("target", "connect-worker", "classpath.txt");

    private final Process process;
    private final Path log;
    private final URI rest;
    private final HttpClient http = HttpClient.newHttpClient();

    private StandaloneWorker(Process process, Path log, URI rest) {
        this.process = process;
        this.log = log;
        this.rest = rest;
    }

    /** Starts the worker and waits until its REST API answers. */
    public static StandaloneWorker start(String bootstrapServers, Path dir) throws Exception {
        int port = freePort();
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", bootstrapServers);
        props.setProperty("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.setProperty("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.setProperty("value.converter.schemas.enable", "false");
        props.setProperty("offset.storage.file.filename", dir.resolve("connect.offsets").toAbsolutePath().toString());
        props.setProperty("offset.flush.interval.ms", "1000");
        props.setProperty("plugin.discovery", "service_load");
        props.setProperty("consumer.isolation.level", "read_committed");
        props.setProperty("listeners", "http://127.0.0.1:" + port);
        Path workerProperties = dir.resolve("worker.properties");
        try (var out = Files.newBufferedWriter(workerProperties, StandardCharsets.UTF_8)) {
            props.store(out, "ConnectSinkIT's standalone worker");
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", testClasses() + File.pathSeparator + connectClassPath(),
                "org.apache.kafka.connect.cli.ConnectStandalone", workerProperties.toAbsolutePath().toString());
        Path log = dir.resolve("connect-worker.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        StandaloneWorker worker = new StandaloneWorker(process, log, URI.create("http://127.0.0.1:" + port + "/"));
        try {
            worker.awaitRest();
        } catch (Exception | AssertionError e) {
            worker.close();
            throw e;
        }
        return worker;
    }

    /**
     * Adds a sink connector reading {@code topic} into {@code file} through the worker's REST API, and waits until it
     * and its task run.
     */
    public void addJsonLinesSink(String name, String topic, Path file) throws Exception {
        Map<String, String> config = Map.of(
                "connector.class", JsonLinesSinkConnector.class.getName(),
                "tasks.max", "1",
                "topics", topic,
                JsonLinesSinkConnector.FILE, file.toAbsolutePath().toString());
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(rest.resolve("connectors/" + name + "/config"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201 && put.statusCode() != 200) {
            throw new AssertionError("PUT connectors/" + name + "/config: " + put.statusCode() + " " + put.body() + "\n" + log());
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(rest.resolve("connectors/" + name + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            last = status.statusCode() + " " + status.body();
            if (status.statusCode() == 200) {
                JsonNode s = JSON.readTree(status.body());
                JsonNode tasks = s.path("tasks");
                if ("RUNNING".equals(s.path("connector").path("state").asText()) && tasks.size() == 1
                        && "RUNNING".equals(tasks.get(0).path("state").asText())) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("connector " + name + " is not running: " + last + "\n" + log());
    }

    /** The worker's log (its standard output and error). */
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** SIGTERM: Connect's own shutdown hook stops the herder, the worker and its tasks. */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private void awaitRest() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the Connect worker ended (" + process.exitValue() + "): " + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(rest).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the REST server is not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the Connect worker's REST API did not answer within 2 minutes: " + log());
    }

    /** Where the sink connector's class and its service file are: the test classes. */
    private static String testClasses() {
        try {
            return Path.of(JsonLinesSinkConnector.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Connect's class path, from {@code src/test/connect-worker/pom.xml} by Maven's dependency plugin, run with the
     * Maven, local repository and offline mode of the build that runs this test (failsafe passes them).
     */
    private static synchronized String connectClassPath() throws Exception {
        Files.createDirectories(CLASSPATH_FILE.getParent());
        String mavenHome = System.getProperty("fdi.maven.home", "");
        String mvn = mavenHome.isBlank() ? "mvn" : Path.of(mavenHome, "bin", "mvn").toString();
        List<String> command = new ArrayList<>(List.of(mvn, "-B", "-ntp", "-q", "-f", WORKER_POM.toString(),
                "dependency:build-classpath", "-Dmdep.outputFile=" + CLASSPATH_FILE.toAbsolutePath()));
        if (System.getProperty("fdi.maven.offline", "").endsWith("=true")) {
            command.add("-o");
        }
        String repo = System.getProperty("fdi.maven.repo.local", "");
        if (!repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        String kafka = System.getProperty("fdi.kafka.version", "");
        if (!kafka.isBlank()) {
            command.add("-Dkafka.version=" + kafka);
        }
        Path out = Files.createTempFile(CLASSPATH_FILE.getParent(), "mvn-", ".log");
        Process mvnRun = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!mvnRun.waitFor(5, TimeUnit.MINUTES) || mvnRun.exitValue() != 0) {
            mvnRun.destroyForcibly();
            throw new AssertionError("could not resolve the Connect worker's class path (" + String.join(" ", command) + "): "
                    + Files.readString(out));
        }
        String classPath = Files.readString(CLASSPATH_FILE, StandardCharsets.UTF_8).trim();
        if (classPath.contains("javalin") || classPath.contains("jetty-server-12.1")) {
            throw new AssertionError("the Connect worker's class path holds the job's web server: " + classPath);
        }
        return classPath;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
