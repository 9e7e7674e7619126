package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Network partitions, for real: three brokers and two instances of the job, each in its own network namespace
 * ({@link NetworkLab}), and nftables rules that drop every packet between chosen hosts, as a failed switch or a
 * firewall would. Three partitions: an instance cut off from every broker (twice), the node leading the outputs and
 * the job's transactions cut off from everyone (a minority), and the two instances unable to reach each other. Each
 * ends with every figure and every record's history as the model says, and no process of the job dead.
 */
@DisplayName("reliability: network partitions between brokers and instances, each in its own network namespace")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(SharedCluster.ORDER)
class NetworkPartitionIT {

    /** Past the 10 s transaction timeout, the 6 s session timeout and the brokers' 9 s session with the controller. */
    private static final Duration PARTITION = Duration.ofSeconds(45);
    /** Every namespace has its own ports, so every instance serves HTTP on the same one. */
    private static final int HTTP = 8080;
    private static final ObjectMapper JSON = new ObjectMapper();

    private NetworkLab lab;
    private List<NetworkLab.Host> brokers;
    private NetworkLab.Host hostA;
    private NetworkLab.Host hostB;
    private ThreeNodeCluster cluster;
    private Admin admin;

    @BeforeAll
    void startCluster() throws Exception {
        String unavailable = NetworkLab.unavailable();
        assumeTrue(unavailable == null, "no network partitions on this machine: " + unavailable);
        lab = NetworkLab.create();
        brokers = List.of(lab.add("n1", 1), lab.add("n2", 2), lab.add("n3", 3));
        hostA = lab.add("a", 11);
        hostB = lab.add("b", 12);
        cluster = ThreeNodeCluster.startIn(brokers);
        admin = cluster.admin();
    }

    @AfterAll
    void removeCluster() {
        if (cluster != null) {
            cluster.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @DisplayName("(a) instance A cut off from every broker for 45 s, twice, mid-stream: B takes over, A rejoins, figures exact")
    void instanceCutOffFromEveryBroker() throws Exception {
        RandomData data = RandomData.growingOnly("partition-instance", 4000, 83);
        Deployment d = new Deployment("partition-instance", cluster.bootstrapServers()).withInputThatOnlyGrows();
        String group = d.name + "-usd";
        String investments = d.inputTopic("investments");
        List<Path> halves = halves(data.investments());
        d.ingest("fx-rates", data.rates());
        d.ingest("measures", data.measures());
        try (Jar.Running a = d.runOn(hostA, HTTP, SharedCluster.JOB_SETTINGS);
             Jar.Running b = d.runOn(hostB, HTTP, SharedCluster.JOB_SETTINGS)) {
            JobHttp.awaitHealthy(hostA.address(), HTTP, a);
            JobHttp.awaitHealthy(hostB.address(), HTTP, b);
            GroupWatch.awaitMembers(admin, group, 2);
            long sent = 0;
            for (int round = 1; round <= 2; round++) {
                Path half = halves.get(round - 1);
                long lines = Files.readAllLines(half).size();
                Jar.Running sending = d.startIngest("investments", half);
                GroupWatch.awaitMidStream(admin, group, investments, sent + lines / 4, sent + lines, b, "cut " + round);
                sent += lines;
                Map<String, Integer> aSays;
                try (HealthSamples samples = new HealthSamples(hostA.address())) {
                    lab.cut(hostA, NetworkLab.addresses(brokers));
                    long cut = System.nanoTime();
                    double bAlone = GroupWatch.awaitMembers(admin, group, 1);
                    TimeUnit.NANOSECONDS.sleep(PARTITION.toNanos() - (System.nanoTime() - cut)); // the fault's length
                    lab.heal(hostA);
                    aSays = samples.byAnswer();
                    System.out.printf("[measured] cut %d: B alone in the group %.1f s after A was cut off%n", round, bAlone);
                }
                long healed = System.nanoTime();
                GroupWatch.awaitMembers(admin, group, 2);
                System.out.printf("[measured] cut %d healed: A back in the group %.1f s later; A's /health/ready during the"
                        + " cut: %s%n", round, (System.nanoTime() - healed) / 1e9, aSays);
                assertEquals(0, sending.awaitExit(Duration.ofMinutes(2)), "ingest of half " + round);
                assertTrue(a.isAlive() && b.isAlive(), "no instance died of the partition: " + a.err());
                assertTrue(aSays.keySet().stream().anyMatch(answer -> answer.startsWith("503 no broker of ")),
                        "A said it was cut off: " + aSays);
                Leaders.awaitCondition("A ready again", () -> JobHttp.get(hostA.address(), HTTP, "/health/ready").statusCode() == 200);
            }
            d.assertMatches(data.model(), b);
            assertTrue(a.isAlive() && b.isAlive(), "both instances alive at the end");
            System.out.println("[measured] A's /health at the end: " + JobHttp.get(hostA.address(), HTTP, "/health").body());
            System.out.println("[measured] what A logged: " + logSummary(a.err()));
        }
    }

    @Test
    @DisplayName("(b) the node leading the outputs and the job's transactions cut off from everyone for 45 s: figures exact")
    void leaderInMinority() throws Exception {
        RandomData data = RandomData.growingOnly("partition-leader", 4000, 89);
        Deployment d = new Deployment("partition-leader", cluster.bootstrapServers()).withInputThatOnlyGrows();
        String group = d.name + "-usd";
        String investments = d.inputTopic("investments");
        d.ingest("fx-rates", data.rates());
        try (Jar.Running job = d.runOn(hostA, HTTP, SharedCluster.JOB_SETTINGS)) {
            JobHttp.awaitHealthy(hostA.address(), HTTP, job);
            int victim = Leaders.transactionCoordinator(admin, group);
            List<String> outputs = List.of(d.outputTopic("services-share", "USD"), d.outputTopic("sector-summary", "USD"),
                    d.outputTopic("pilot-progress", "USD"));
            Leaders.moveTo(admin, victim, outputs);
            Jar.Running sendingInvestments = d.startIngest("investments", data.investments());
            Jar.Running sendingMeasures = d.startIngest("measures", data.measures());
            long lines = Files.readAllLines(data.investments()).size();
            long atCut = GroupWatch.awaitMidStream(admin, group, investments, lines / 4, lines, job, "the minority partition");

            NetworkLab.Host minority = brokers.get(victim - 1);
            List<String> everyoneElse = new ArrayList<>();
            brokers.stream().filter(n -> n != minority).forEach(n -> everyoneElse.add(n.address()));
            everyoneElse.addAll(List.of(hostA.address(), hostB.address(), lab.outsideAddress()));
            lab.cut(minority, everyoneElse);
            long cut = System.nanoTime();
            System.out.printf("node %d (%s), leading %s and coordinating the job's transactions, cut off from %s%n", victim,
                    minority, outputs, everyoneElse);
            // the partition lasts 45 s whatever the job does; whether it commits on the majority meanwhile is measured
            String during = "no commit during the partition";
            while (System.nanoTime() - cut < PARTITION.toNanos()) {
                if (committedPast(group, investments, atCut)) {
                    during = String.format("committing again on the majority %.1f s after the cut", (System.nanoTime() - cut) / 1e9);
                    break;
                }
                Thread.sleep(500);
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(0, PARTITION.toNanos() - (System.nanoTime() - cut)));   // the fault's length
            lab.heal(minority);
            long healed = System.nanoTime();
            double after = GroupWatch.awaitCommitted(admin, group, investments, atCut + 1, job);
            System.out.printf("[measured] the minority partition: %s; healed after 45 s; committed past the cut's offsets"
                    + " %.1f s after the heal%n", during, after);

            assertEquals(0, sendingInvestments.awaitExit(Duration.ofMinutes(3)), "ingest of investments");
            assertEquals(0, sendingMeasures.awaitExit(Duration.ofMinutes(3)), "ingest of measures");
            d.assertMatches(data.model(), job);
            System.out.printf("[measured] every figure exact %.1f s after the heal%n", (System.nanoTime() - healed) / 1e9);
            assertTrue(job.isAlive(), "the job never stopped");
            System.out.println("[measured] the job's /health at the end: " + JobHttp.get(hostA.address(), HTTP, "/health").body());
            System.out.println("[measured] what the job logged: " + logSummary(job.err()));
        } finally {
            lab.heal(brokers.get(0));
            lab.heal(brokers.get(1));
            lab.heal(brokers.get(2));
            Leaders.awaitAllInSync(admin);
        }
    }

    @Test
    @DisplayName("(c) A and B cannot reach each other, both reach the brokers: every query the right figure or 503")
    void instancesCannotReachEachOther() throws Exception {
        RandomData data = RandomData.generate("partition-http", 800, 97);
        Deployment d = new Deployment("partition-http", cluster.bootstrapServers());
        d.ingest("fx-rates", data.rates());
        d.ingest("measures", data.measures());
        d.ingest("investments", data.investments());
        try (Jar.Running a = d.runOn(hostA, HTTP, SharedCluster.JOB_SETTINGS);
             Jar.Running b = d.runOn(hostB, HTTP, SharedCluster.JOB_SETTINGS)) {
            JobHttp.awaitHealthy(hostA.address(), HTTP, a);
            JobHttp.awaitHealthy(hostB.address(), HTTP, b);
            GroupWatch.awaitMembers(admin, d.name + "-usd", 2);
            Map<String, ExpectedAnswers.Answer> expected = sample(ExpectedAnswers.of(data.model()));
            // every figure final before the cut, asked of the API itself: a 200 during the cut is then right or wrong
            Leaders.awaitCondition("every query answered with the model's figures before the cut",
                    () -> askEverything(expected, true).keySet().stream().noneMatch(k -> k.endsWith(" 503")));

            lab.cut(hostA, List.of(hostB.address()));
            Map<String, Integer> during;
            try {
                during = askEverything(expected, false);
            } finally {
                lab.heal(hostA);
            }
            System.out.println("[measured] answers while A and B could not reach each other: " + during);
            assertTrue(during.keySet().stream().allMatch(k -> k.matches("[AB] (200|404|503)")), "only 200, 404 or 503: " + during);
            assertTrue(during.keySet().stream().anyMatch(k -> k.endsWith(" 503")), "the partition was felt: " + during);
            assertTrue(during.keySet().stream().anyMatch(k -> k.endsWith(" 200")), "local keys still answered: " + during);

            Leaders.awaitCondition("every query answered with the model's figures after the heal",
                    () -> askEverything(expected, true).keySet().stream().noneMatch(k -> k.endsWith(" 503")));
            assertTrue(a.isAlive() && b.isAlive(), "both instances alive");
        }
    }

    /** Whether the group has committed past {@code offsets} records of {@code topic}; false when the cluster does not say within 5 s. */
    private boolean committedPast(String group, String topic, long offsets) {
        try {
            long committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS)
                    .entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
            return committed > offsets;
        } catch (Exception noAnswerYet) {
            return false;
        }
    }

    /**
     * Every query of {@code expected} at both instances, 16 at a time; fails on any 200 whose figures are not the
     * model's and on any 404 the model does not expect. Returns how many answers of each status each instance gave.
     */
    private Map<String, Integer> askEverything(Map<String, ExpectedAnswers.Answer> expected, boolean quiet) throws Exception {
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> asked = new ArrayList<>();
            for (NetworkLab.Host host : List.of(hostA, hostB)) {
                expected.forEach((path, want) -> asked.add(clients.submit(() -> {
                    HttpResponse<String> r = JobHttp.get(host.address(), HTTP, path);
                    statuses.merge(host.name().toUpperCase() + " " + r.statusCode(), 1, Integer::sum);
                    if (r.statusCode() == 200) {
                        assertEquals(want.figures(), ExpectedAnswers.describe(path, JSON.readTree(r.body())), host + " " + path);
                    } else if (r.statusCode() == 404) {
                        assertEquals(404, want.status(), host + " " + path + " answered 404: " + r.body());
                    } else if (!quiet) {
                        assertEquals(503, r.statusCode(), host + " " + path + ": " + r.body());
                        assertTrue(JSON.readTree(r.body()).hasNonNull("error"), "a 503 says why: " + r.body());
                    }
                    return null;
                })));
            }
            for (Future<?> answer : asked) {
                answer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        return new TreeMap<>(statuses);
    }

    /**
     * Every query that gathers from all instances (the share lists and the dead letters, which must not answer with
     * part of the figures), the two that must be 404, and a quarter of the single-key ones: a query whose owner cannot
     * be reached waits up to 5 s for its 503, so asking all of them would add minutes and no other kind of answer.
     */
    private static Map<String, ExpectedAnswers.Answer> sample(Map<String, ExpectedAnswers.Answer> all) {
        Map<String, ExpectedAnswers.Answer> some = new java.util.LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, ExpectedAnswers.Answer> query : all.entrySet()) {
            boolean gathers = query.getKey().contains("?") || query.getKey().equals("/api/v1/dead-letters");
            if (gathers || query.getValue().status() == 404 || i++ % 4 == 0) {
                some.put(query.getKey(), query.getValue());
            }
        }
        return some;
    }

    /** The investments file in two halves, each its own file, so that each cut can land mid-stream. */
    private static List<Path> halves(Path investments) throws Exception {
        List<String> lines = Files.readAllLines(investments);
        Path first = investments.resolveSibling("investments-first-half.jsonl");
        Path second = investments.resolveSibling("investments-second-half.jsonl");
        Files.write(first, lines.subList(0, lines.size() / 2));
        Files.write(second, lines.subList(lines.size() / 2, lines.size()));
        return List.of(first, second);
    }

    /** How often the instance's log shows each sign of a partition, for docs/reliability.md. */
    private static Map<String, Long> logSummary(String log) {
        Map<String, Long> counts = new TreeMap<>();
        for (String sign : List.of("fenced", "TimeoutException", "Disconnected", "replaced", "TaskMigratedException",
                "REBALANCING", "transaction", "ERROR", "WARN")) {
            counts.put(sign, log.lines().filter(l -> l.contains(sign)).count());
        }
        return counts;
    }

    /** An instance's {@code /health/ready}, asked every 500 ms from outside while it lasts: statuses and reasons. */
    private static final class HealthSamples implements AutoCloseable {
        private final Map<String, Integer> byAnswer = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread sampler;

        HealthSamples(String host) {
            sampler = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = JobHttp.get(host, HTTP, "/health/ready");
                        // "for 17 s", "for 22 s"… counted as one answer
                        String reason = JSON.readTree(r.body()).path("reason").asText("").replaceAll("for \\d+ s", "for N s");
                        byAnswer.merge(r.statusCode() + (reason.isEmpty() ? "" : " " + reason), 1, Integer::sum);
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        byAnswer.merge("no answer: " + e.getClass().getSimpleName(), 1, Integer::sum);
                    }
                }
            }, "health-samples");
            sampler.start();
        }

        Map<String, Integer> byAnswer() {
            return new TreeMap<>(byAnswer);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            sampler.interrupt();
            sampler.join(5000);
        }
    }
}
