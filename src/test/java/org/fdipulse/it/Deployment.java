package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.ImpactComparison;
import org.fdipulse.testing.Describe;
import org.fdipulse.testing.HistoryChecks;

/**
 * One deployment of the job on the shared broker, under its own topic names and application.id so that tests do
 * not see each other's records. Everything goes through the commands: {@code ingest}, {@code run}, {@code tail}.
 */
final class Deployment {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /**
     * How long a figure may take to reach what the model says. Only a failure waits this long; on a loaded 2-core
     * machine running two test classes at once, a job recovering from three crashes took more than 3 minutes.
     */
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    /** How long to wait for the job to go idle before a tail; past it the tail goes ahead anyway. */
    private static final Duration QUIET_LIMIT = Duration.ofMinutes(1);

    final String name;
    final String bootstrap;
    private final List<String> connection;
    private final Path clientConfig;
    /** The shared secret every instance of this deployment presents to the others ({@code fdi.http.internal-token}). */
    final String internalToken = "it-" + UUID.randomUUID();

    Deployment(String name) {
        this(name, SharedBroker.bootstrapServers());
    }

    /** A deployment on another broker, e.g. one the test stops and starts. */
    Deployment(String name, String bootstrap) {
        this(name, bootstrap, null);
    }

    /** A deployment on a broker that needs client settings, e.g. credentials: every command gets {@code --config}. */
    Deployment(String name, String bootstrap, Path clientConfig) {
        this.name = name;
        this.bootstrap = bootstrap;
        this.clientConfig = clientConfig;
        this.connection = clientConfig == null ? List.of("--bootstrap-servers", bootstrap)
                : List.of("--bootstrap-servers", bootstrap, "--config", clientConfig.toString());
    }

    /** A command of the jar with this deployment's connection options after its name. */
    String[] command(String name, String... args) {
        List<String> command = new ArrayList<>(List.of(name));
        command.addAll(connection);
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    String topic(String role) {
        return name + "." + role;
    }

    /** {@code ingest} started in the background, e.g. to crash the job while input is arriving. */
    Jar.Running startIngest(String kind, Path file) throws Exception {
        return Jar.start(command("ingest", "--kind", kind, "--topic", inputTopic(kind), file.toString()));
    }

    /** {@code ingest} of a JSON-lines file into this deployment's topic for the kind; asserts a clean exit. */
    Jar.Result ingest(String kind, Path file) throws Exception {
        Jar.Result result = Jar.run(command("ingest", "--kind", kind, "--topic", inputTopic(kind), file.toString()));
        assertEquals(0, result.exit(), "ingest " + file + ": " + result.err());
        return result;
    }

    String inputTopic(String kind) {
        return switch (kind) {
            case "investments" -> topic("investments");
            case "measures" -> topic("measure-updates");
            default -> topic("fx-rates");
        };
    }

    /** {@code run} against the shared broker with this deployment's topics; stop it with {@link Jar.Running#stop()}. */
    Jar.Running run(String reportingCurrency, String... extraSettings) throws Exception {
        return run(reportingCurrency, freePort(), extraSettings);
    }

    /** {@code run} serving HTTP on {@code httpPort}; several with the same currency are instances of one job. */
    Jar.Running run(String reportingCurrency, int httpPort, String... extraSettings) throws Exception {
        // a fresh state dir each time: local state from an earlier broker would be counted twice on a new one
        return run(reportingCurrency, httpPort, Path.of("target", "it-state", name + "-" + reportingCurrency + "-" + UUID.randomUUID()),
                extraSettings);
    }

    /** {@code run} with a given state dir, e.g. to restart an instance on the state it left behind. */
    Jar.Running run(String reportingCurrency, int httpPort, Path stateDir, String... extraSettings) throws Exception {
        return Jar.start(runArguments(reportingCurrency, httpPort, stateDir, extraSettings).toArray(String[]::new));
    }

    /**
     * {@code run} (USD reporting) inside {@code host}'s network namespace, serving HTTP on its address and port
     * {@code httpPort} and telling the other instances that address.
     */
    Jar.Running runOn(NetworkLab.Host host, int httpPort, String... extraSettings) throws Exception {
        List<String> args = runArguments("USD", httpPort, Path.of("target", "it-state", name + "-" + host.name() + "-"
                + UUID.randomUUID()), extraSettings);
        args.addAll(List.of("--http-host", host.address(), "--advertised-host", host.address()));
        return Jar.startWith(host.launcher(), args.toArray(String[]::new));
    }

    private List<String> runArguments(String reportingCurrency, int httpPort, Path stateDir, String... extraSettings) {
        List<String> args = new ArrayList<>(List.of(command("run", "--http-port", String.valueOf(httpPort),
                "--application-id", name + "-" + reportingCurrency.toLowerCase(), "--reporting-currency", reportingCurrency,
                "--state-dir", stateDir.toString(),
                "--set", "fdi.topic.investments=" + topic("investments"),
                "--set", "fdi.topic.measure-updates=" + topic("measure-updates"),
                "--set", "fdi.topic.fx-rates=" + topic("fx-rates"),
                "--set", "fdi.topic.dead-letter=" + topic("dead-letter"),
                "--set", "fdi.topic.sector-summary=" + outputTopic("sector-summary", reportingCurrency),
                "--set", "fdi.topic.services-share=" + outputTopic("services-share", reportingCurrency),
                "--set", "fdi.topic.pilot-progress=" + outputTopic("pilot-progress", reportingCurrency),
                "--set", "fdi.topic.capital-mix=" + outputTopic("capital-mix", reportingCurrency),
                "--set", "fdi.topic.alerts=" + outputTopic("alerts", reportingCurrency),
                "--set", "fdi.topic.programme-impact=" + outputTopic("programme-impact", reportingCurrency),
                "--set", "fdi.topic.source-mix=" + outputTopic("source-mix", reportingCurrency),
                "--set", "commit.interval.ms=200",
                "--set", "fdi.http.internal-token=" + internalToken)));
        for (String setting : extraSettings) {
            args.add("--set");
            args.add(setting);
        }
        return args;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String outputTopic(String role, String reportingCurrency) {
        return topic(role) + "." + reportingCurrency.toLowerCase();
    }

    /** How the checks read a topic's records: each as {@code {"key": K, "value": V}} in the contract's JSON shapes. */
    interface TopicReader {
        List<JsonNode> read(String topic) throws Exception;
    }

    /** What the checks read output topics with: {@code tail}, unless a test reads them with a client of its own. */
    private TopicReader outputReader = this::tailAll;

    /** The whole history of each output topic as last read by a check, for {@link #assertHistoriesHold}. */
    private final Map<String, List<JsonNode>> histories = new ConcurrentHashMap<>();

    /** Whether the input has no withdrawal and no revision, so that every amount only grows ({@link RandomData#growingOnly}). */
    private boolean inputOnlyGrows;

    /** Tells the checks that the input only adds, so that no published total may go down or above its final one. */
    Deployment withInputThatOnlyGrows() {
        this.inputOnlyGrows = true;
        return this;
    }

    /** Reads the output topics with {@code reader} from now on (e.g. a non-Java consumer of registry-framed values). */
    Deployment readingOutputsWith(TopicReader reader) {
        this.outputReader = reader;
        return this;
    }

    /** Every record of a topic through {@code tail --from-beginning}, in the order of each partition. */
    List<JsonNode> tailAll(String topic) throws Exception {
        Jar.Result result = Jar.run(command("tail", topic, "--from-beginning", "--idle-exit", "2"));
        List<JsonNode> records = new ArrayList<>();
        if (result.exit() == 1 && result.err().contains("does not exist")) {
            return records; // the job has not created it yet
        }
        assertEquals(0, result.exit(), "tail " + topic + ": " + result.err());
        for (String line : result.outLines()) {
            records.add(JSON.readTree(line));
        }
        return records;
    }

    /** Tails {@code topic} until {@code done} holds of its described values or patience runs out; returns the last. */
    Map<String, String> awaitTopic(String topic, Function<JsonNode, String> describe, Predicate<Map<String, String>> done,
                                   Jar.Running job) throws Exception {
        return described(awaitRecords(topic, records -> done.test(described(records, describe)), job), describe);
    }

    /** The latest value per key (the records in the order of each partition), described. */
    private static Map<String, String> described(List<JsonNode> records, Function<JsonNode, String> describe) {
        Map<String, JsonNode> latest = new TreeMap<>();
        records.forEach(record -> latest.put(record.get("key").asText(), record));
        Map<String, String> described = new TreeMap<>();
        latest.forEach((key, record) -> described.put(key, describe.apply(record.get("value"))));
        return described;
    }

    /**
     * Tails every record of {@code topic} until {@code done} holds of them or patience runs out; returns the last
     * read. For topics read as a whole, such as the dead letters, which a figure's being final does not imply: a
     * retried duplicate moves no figure, but its bad records are still on their way.
     */
    List<JsonNode> awaitRecords(String topic, Predicate<List<JsonNode>> done, Jar.Running job) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<JsonNode> records;
        do {
            awaitQuiet(job);
            records = topic.equals(topic("dead-letter")) ? tailAll(topic) : outputReader.read(topic);
            histories.put(topic, records);
            if (done.test(records)) {
                return records;
            }
            if (!job.isAlive()) {
                throw new AssertionError("the job stopped: " + job.err());
            }
        } while (System.nanoTime() < deadline);
        return records;
    }

    /**
     * Waits (a minute at most) until the job is through its input and idle, so that a tail reads the figures as they
     * will stay. Only the tail's comparison decides; this spares the tails that would read a whole topic again, in a
     * JVM of their own, while the job is still busy and needs the cores.
     */
    private void awaitQuiet(Jar.Running job) throws Exception {
        Properties settings = new Properties();
        if (clientConfig != null) {
            try (Reader in = Files.newBufferedReader(clientConfig)) {
                settings.load(in);
            }
        }
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(settings)) {
            GroupWatch.awaitQuiet(admin, name + "-", List.of(topic("investments"), topic("measure-updates")), job, QUIET_LIMIT);
        }
    }

    /**
     * Every output topic and the dead letters, through {@code tail}, equal the model's (USD reporting). The three output
     * topics are awaited at once: each {@code tail} is a JVM that mostly waits (start, fetch, its idle exit), so three
     * side by side take little longer than one. The dead letters are read last, once the outputs show that the job is
     * through the input.
     */
    void assertMatches(ContractModel model, Jar.Running job) throws Exception {
        Map<String, String> shares = model.shares();
        Map<String, String> cells = model.sectorCells();
        Map<String, String> progress = model.progress();
        ExecutorService tails = Executors.newFixedThreadPool(3);
        try {
            Future<Map<String, String>> sharesSeen = tails.submit(() ->
                    awaitTopic(outputTopic("services-share", "USD"), Describe::shareJson, shares::equals, job));
            Future<Map<String, String>> cellsSeen = tails.submit(() ->
                    awaitTopic(outputTopic("sector-summary", "USD"), Describe::sectorJson, cells::equals, job));
            Future<Map<String, String>> progressSeen = tails.submit(() ->
                    awaitTopic(outputTopic("pilot-progress", "USD"), Describe::progressJson, progress::equals, job));
            assertEquals(shares, resultOf(sharesSeen), "services shares");
            assertEquals(cells, resultOf(cellsSeen), "sector cells");
            assertEquals(progress, resultOf(progressSeen), "pilot progress");
        } finally {
            tails.shutdownNow();
        }
        assertEquals(model.deadLetters(), deadLettersByReason(), "dead letters by reason");
        assertV2Matches(model, job);
        assertImpactMatches(model, job);
        assertSourceMixMatches(model, job);
        assertHistoriesHold();
    }

    /**
     * Jepsen's question, once the final figures are right: was any record published that no correct run could have
     * shown? Over each output topic's whole committed history, as the checks above last read it: every record decodes
     * and carries the contract's key; each alert's states alternate (a transaction applied twice would repeat one);
     * and, when the input only grows, no total ever went down or above its final value (a batch counted twice and
     * then corrected would).
     */
    void assertHistoriesHold() {
        List<String> wrong = new ArrayList<>();
        HistoryChecks.KEY_OF_OUTPUT.forEach((role, keyOf) -> wrong.addAll(
                HistoryChecks.keysAsTheContractSays(history(role), keyOf).stream().map(w -> role + ": " + w).toList()));
        wrong.addAll(HistoryChecks.alertsAlternate(history("alerts")));
        if (inputOnlyGrows) {
            HistoryChecks.GROWING_FIGURES.forEach((role, figures) -> figures.forEach(figure -> wrong.addAll(
                    HistoryChecks.neverAboveFinalNorDown(history(role), figure).stream().map(w -> role + ": " + w).toList())));
        }
        int records = HistoryChecks.KEY_OF_OUTPUT.keySet().stream().mapToInt(role -> history(role).size()).sum();
        System.out.printf("[history] %s: %,d output records checked (keys, alerts alternating%s): %d wrong%n", name, records,
                inputOnlyGrows ? ", totals only growing to their final values" : "", wrong.size());
        assertEquals(List.of(), wrong, "records no correct run could have published");
    }

    private List<JsonNode> history(String role) {
        List<JsonNode> records = histories.get(outputTopic(role, "USD"));
        if (records == null) {
            throw new AssertionError("no history of " + outputTopic(role, "USD") + " was read");
        }
        return records;
    }

    /** R11: every source-mix record equals the model's, groups by membership at each event's date. */
    void assertSourceMixMatches(ContractModel model, Jar.Running job) throws Exception {
        Map<String, String> mix = model.sourceMix();
        assertEquals(mix, awaitTopic(outputTopic("source-mix", "USD"), Describe::sourceMixJson, mix::equals, job),
                "source mix");
    }

    /** R10: the estimates {@code fdi.programme-impact} holds (tombstones removing their keys) against the model's. */
    void assertImpactMatches(ContractModel model, Jar.Running job) throws Exception {
        Map<String, double[]> expected = model.programmeImpact();
        List<JsonNode> records = awaitRecords(outputTopic("programme-impact", "USD"),
                all -> ImpactComparison.differences(expected, latestEstimates(all), "USD").isEmpty(), job);
        assertEquals(List.of(), ImpactComparison.differences(expected, latestEstimates(records), "USD"), "programme impact");
    }

    private static Map<String, JsonNode> latestEstimates(List<JsonNode> records) {
        Map<String, JsonNode> latest = new TreeMap<>();
        for (JsonNode record : records) {
            if (record.get("value").isNull()) {
                latest.remove(record.get("key").asText());
            } else {
                latest.put(record.get("key").asText(), record.get("value"));
            }
        }
        return latest;
    }

    /**
     * The v2 figures (R7-R9) equal the model's: year on year in every share record, the capital mix, and the alerts
     * firing now (that the alert topic holds each change of state once is {@link #assertHistoriesHold}'s).
     */
    void assertV2Matches(ContractModel model, Jar.Running job) throws Exception {
        Map<String, String> yearOnYear = model.yearOnYear();
        assertEquals(yearOnYear, awaitTopic(outputTopic("services-share", "USD"), Describe::yearOnYearJson, yearOnYear::equals, job),
                "year on year");
        Map<String, String> mix = model.capitalMix();
        assertEquals(mix, awaitTopic(outputTopic("capital-mix", "USD"), Describe::capitalMixJson, mix::equals, job),
                "capital mix");
        Map<String, String> firing = model.firingAlerts();
        assertEquals(firing, firing(awaitTopic(outputTopic("alerts", "USD"), v -> v.get("state").asText() + " "
                + v.get("threshold").decimalValue().setScale(4).toPlainString(), all -> firing.equals(firing(all)), job)),
                "firing alerts");
    }

    /** The FIRING ones of {@code state threshold} texts, as threshold. */
    private static Map<String, String> firing(Map<String, String> alerts) {
        Map<String, String> out = new TreeMap<>();
        alerts.forEach((key, text) -> {
            if (text.startsWith("FIRING ")) {
                out.put(key, text.substring("FIRING ".length()));
            }
        });
        return out;
    }

    /** The value of a finished wait, or what made it fail (an AssertionError stays one). */
    private static <T> T resultOf(Future<T> wait) throws Exception {
        try {
            return wait.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (Exception) e.getCause();
        }
    }

    /** Dead letters by {@code error.reason}, read through {@code tail}. */
    Map<String, Integer> deadLettersByReason() throws Exception {
        Map<String, Integer> byReason = new TreeMap<>();
        Jar.Result result = Jar.run(command("tail", topic("dead-letter"), "--from-beginning", "--idle-exit", "2"));
        for (String line : result.outLines()) {
            byReason.merge(JSON.readTree(line).get("headers").get("error.reason").asText(), 1, Integer::sum);
        }
        return byReason;
    }
}
