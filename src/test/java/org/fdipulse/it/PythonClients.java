package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Confluent's Python client as Debian packages it (python3-confluent-kafka, python3-avro, python3-requests), through
 * the scripts of {@code src/test/resources/python}: a non-Java producer and consumer of registry-framed Avro.
 */
final class PythonClients {

    /** Debian's Python: the packages are installed for it alone (another python3 may come first on PATH). */
    static final String PYTHON = "/usr/bin/python3";
    static final String MISSING = "python3-confluent-kafka, python3-avro or python3-requests is not installed for "
            + PYTHON + " (apt-get install python3-confluent-kafka python3-avro python3-requests; .ci/run does)";
    private static final Path SCRIPTS = Path.of("src", "test", "resources", "python");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonClients() {
    }

    static boolean installed() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process check = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka.avro, avro, requests")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return check.waitFor(1, TimeUnit.MINUTES) && check.exitValue() == 0;
    }

    /** Registers {@code schema} under {@code <topic>-value} and writes each JSON line framed, keyed by {@code keyField}. */
    static void produce(String bootstrap, String registryUrl, String topic, Path schema, Path jsonLines, String keyField)
            throws Exception {
        run(Duration.ofMinutes(3), "confluent_avro_produce.py", "--bootstrap", bootstrap, "--registry", registryUrl,
                "--topic", topic, "--schema", schema.toString(), "--input", jsonLines.toString(), "--key-field", keyField);
    }

    /**
     * Every committed record of {@code topic}, decoded with the writer schemas fetched by id, in the contract's JSON
     * shapes ({@code {"key", "value"}}; amounts as strings, ratios as numbers); none when the topic does not exist yet.
     */
    static List<JsonNode> consume(String bootstrap, String registryUrl, String topic) throws Exception {
        String out = run(Duration.ofMinutes(3), "confluent_avro_consume.py", "--bootstrap", bootstrap, "--registry",
                registryUrl, "--topic", topic, "--idle-exit", "2", "--contract-json");
        List<JsonNode> records = new ArrayList<>();
        for (String line : out.lines().filter(l -> !l.isBlank()).toList()) {
            records.add(JSON.readTree(line));
        }
        return records;
    }

    /** Runs one of the scripts; asserts exit 0 (or, for a topic not there yet, returns nothing); its standard output. */
    static String run(Duration timeout, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        Files.createDirectories(Path.of("target"));
        Path out = Files.createTempFile(Path.of("target"), "python-out-", ".txt");
        Path err = Files.createTempFile(Path.of("target"), "python-err-", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(script + " did not finish within " + timeout + ": " + Files.readString(err));
            }
            String errors = Files.readString(err, StandardCharsets.UTF_8);
            if (process.exitValue() == 1 && errors.contains("does not exist")) {
                return "";
            }
            assertEquals(0, process.exitValue(), script + ": " + errors);
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
