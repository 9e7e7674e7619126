package org.fdipulse.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.avro.specific.SpecificRecordBase;
import org.fdipulse.output.Outputs;
import org.fdipulse.app.PulseApp;
import org.fdipulse.app.TopicProvisioner;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.broker.EmbeddedBroker;
import org.fdipulse.config.StreamsSettings;
import org.fdipulse.config.Topics;
import org.fdipulse.generate.RandomScenario;
import org.fdipulse.generate.Scenario;
import org.fdipulse.ingest.Ingestor.Kind;
import org.fdipulse.output.JsonViews;
import org.fdipulse.serde.AvroSerdes;

/**
 * {@code bench}: how fast the job is against fair floors, on the embedded broker, all in one run on the same
 * preloaded inputs and the same settings (exactly-once, commit interval, threads), each from a cold start:
 * <ul>
 *   <li>the <em>pass-through</em>: a Kafka Streams application that copies the inputs to a topic, decoding nothing —
 *       the least any exactly-once Kafka Streams job costs here (the floor; {@code jobRatio} is job ÷ this);</li>
 *   <li>the <em>count</em>: the inputs through {@code groupByKey().count()} with a persistent store, the cheapest
 *       stateful peer;</li>
 *   <li>the job, under exactly-once and at-least-once;</li>
 * </ul>
 * each with its stream threads' CPU time per input event, which a shared machine disturbs far less than wall time.
 * Also: a plain consumer decoding the inputs (informative), freshness at a steady rate, how the rollups' records
 * spread over their partitions (the hot spot), peak heap and state on disk. Prints a table and one line of JSON.
 */
public final class Benchmark {

    /** @param events investment records (measure updates add a quarter) */
    /** @param settings the user's settings, under every application the benchmark runs (its own override them) */
    /** @param instances job processes for the scale-out run (1: none) */
    public record Options(int events, int partitions, int threads, int instances, boolean alos, int steadyRate, int steadySeconds,
                          long seed, Properties settings) {
    }

    /** Where the pass-through and the count write. */
    static final String PEER_OUTPUT = "bench.peer-output";
    /** The repartition topic that brings each scope's deltas to its rollup: ALL's partition is the hot spot. */
    static final String ROLLUP_REPARTITION = "investment-cell-deltas-by-scope-repartition";
    /** The measure updates' repartition by scope: still a delta per update for the city and one for ALL. */
    static final String PROGRESS_REPARTITION = "measure-deltas-by-scope-repartition";
    /** The scenario is generated and preloaded in parts of this many investments, so the heap holds one part. */
    static final int PART = 100_000;

    private final Options options;
    private final PrintStream out;
    private final Path home;
    private final AtomicLong unsent = new AtomicLong();
    private volatile Exception firstSendFailure;

    public Benchmark(Options options, PrintStream out) throws IOException {
        this.options = options;
        this.out = out;
        this.home = Files.createTempDirectory("fdi-pulse-bench-");
    }

    public ObjectNode run() throws Exception {
        out.printf("fdi-pulse bench: %,d investment events, %d partitions, %d stream threads, max heap %,d MB, in %s%n",
                options.events(), options.partitions(), options.threads(), Runtime.getRuntime().maxMemory() / 1024 / 1024, home);
        ObjectNode result = JsonViews.MAPPER.createObjectNode();
        // the machine's load beside the figures: on a shared machine, a rate means little without it
        result.put("loadAverageAtStart", loadAverage());
        try (HeapWatch heap = new HeapWatch(); EmbeddedBroker broker = EmbeddedBroker.start(0, home.resolve("broker"))) {
            Properties config = config(broker.bootstrapServers(), "bench-eos", StreamsConfig.EXACTLY_ONCE_V2);
            TopicProvisioner.ensureAll(config);
            Topics topics = Topics.from(config);
            long inputs = preload(broker.bootstrapServers(), topics);
            result.put("events", inputs);

            Properties passthroughConfig = config(broker.bootstrapServers(), "bench-passthrough", StreamsConfig.EXACTLY_ONCE_V2);
            Properties countConfig = config(broker.bootstrapServers(), "bench-count", StreamsConfig.EXACTLY_ONCE_V2);
            TopicProvisioner.ensureInput(config, PEER_OUTPUT, false);

            result.put("decodeEventsPerSec", Math.round(readAndDecode(broker.bootstrapServers(), topics, inputs)));
            Run passthrough = untilCommitted("pass-through", passthroughConfig, topics, inputs,
                    () -> streams(Peers.passthrough(topics, PEER_OUTPUT), passthroughConfig));
            Run count = untilCommitted("count", countConfig, topics, inputs,
                    () -> streams(Peers.count(topics, PEER_OUTPUT), countConfig));
            Run job = untilCommitted("job", config, topics, inputs, () -> job(config));
            result.put("passthroughEventsPerSec", Math.round(passthrough.eventsPerSec()));
            result.put("countEventsPerSec", Math.round(count.eventsPerSec()));
            result.put("jobEventsPerSec", Math.round(job.eventsPerSec()));
            result.put("jobRatio", ratio(job.eventsPerSec(), passthrough.eventsPerSec()));
            result.put("jobToCountRatio", ratio(job.eventsPerSec(), count.eventsPerSec()));
            result.put("passthroughCpuMicrosPerEvent", passthrough.cpuMicrosPerEvent());
            result.put("countCpuMicrosPerEvent", count.cpuMicrosPerEvent());
            result.put("jobCpuMicrosPerEvent", job.cpuMicrosPerEvent());
            result.put("jobCpuRatio", ratio(job.cpuMicrosPerEvent(), passthrough.cpuMicrosPerEvent()));
            // flushes and compactions run on RocksDB's own threads, which the figures above do not see
            result.put("countStoreCpuMicrosPerEvent", count.storeCpuMicrosPerEvent());
            result.put("jobStoreCpuMicrosPerEvent", job.storeCpuMicrosPerEvent());
            result.put("rollupHotPartitionShare", job.hotPartitionShare(ROLLUP_REPARTITION));
            result.put("progressRollupHotPartitionShare", job.hotPartitionShare(PROGRESS_REPARTITION));
            ObjectNode perInput = result.putObject("repartitionRecordsPerInput");
            job.recordsByTopic(config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-", "-repartition")
                    .forEach((topic, records) -> perInput.put(topic, Math.round(1000.0 * records / inputs) / 1000.0));
            // the job as users run it: `run` in a cold JVM of its own, with run's defaults (only the connection, the
            // application id and a state dir given), JVM start and first rebalance inside the clock
            Properties asRun = runDefaults(broker.bootstrapServers(), "bench-run");
            Run run = untilCommitted("run", asRun, topics, inputs, () -> processes(asRun, 1));
            result.put("runEventsPerSec", Math.round(run.eventsPerSec()));
            result.put("runToJobRatio", ratio(run.eventsPerSec(), job.eventsPerSec()));
            result.put("runProcessCpuMicrosPerEvent", run.cpuMicrosPerEvent());
            result.put("jobInstances", options.instances());
            if (options.instances() > 1) {
                scaleOut(result, broker.bootstrapServers(), topics, inputs, job);
            }
            if (options.alos()) {
                Properties alos = config(broker.bootstrapServers(), "bench-alos", StreamsConfig.AT_LEAST_ONCE);
                result.put("jobAlosEventsPerSec", Math.round(untilCommitted("job", alos, topics, inputs, () -> job(alos)).eventsPerSec()));
            }
            long[] freshness = freshness("job", config, topics, broker.bootstrapServers(),
                    List.of(topics.name(Outputs.SECTOR_SUMMARY), topics.name(Outputs.SERVICES_SHARE)), () -> job(config));
            result.put("freshnessP50Ms", freshness[0]);
            result.put("freshnessP99Ms", freshness[1]);
            // the same steady rate through count(), which has one hop to the job's two: the fair target is twice its p99
            long[] countFreshness = freshness("count", countConfig, topics, broker.bootstrapServers(), List.of(PEER_OUTPUT),
                    () -> streams(Peers.count(topics, PEER_OUTPUT), countConfig));
            result.put("countFreshnessP50Ms", countFreshness[0]);
            result.put("countFreshnessP99Ms", countFreshness[1]);
            result.put("freshnessP99ToCountRatio", ratio(freshness[1], countFreshness[1]));
            result.put("peakHeapMb", heap.peakMb());
            result.put("peakLiveHeapMb", heap.peakLiveMb());
        }
        result.put("stateMb", Math.round(sizeOf(home.resolve("state-bench-eos")) / 1024.0 / 1024.0));
        deleteRecursively(home); // the broker's log and the state: gigabytes at 5M events, of no use afterwards
        result.put("loadAverageAtEnd", loadAverage());
        result.put("partitions", options.partitions());
        result.put("streamThreads", options.threads());
        result.put("maxHeapMb", Runtime.getRuntime().maxMemory() / 1024 / 1024);
        printTable(result);
        out.println(JsonViews.MAPPER.writeValueAsString(result));
        return result;
    }

    private Properties config(String bootstrap, String applicationId, String guarantee) {
        Properties p = new Properties();
        p.putAll(options.settings());
        p.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.setProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        p.setProperty(StreamsConfig.STATE_DIR_CONFIG, home.resolve("state-" + applicationId).toString());
        p.setProperty(TopicProvisioner.PARTITIONS, String.valueOf(options.partitions()));
        p.setProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(options.threads()));
        // The same commit interval under both guarantees (at-least-once defaults to 30 s): "until committed" is fair.
        // A --set commit.interval.ms=… applies to every phase alike (to measure freshness with shorter intervals).
        p.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        return p;
    }

    /**
     * What {@code run} gets when a user gives it only a broker: the bootstrap servers, an application id and a state dir
     * (and the user's own {@code --set}s, as for every phase). Threads, commit interval and the rest are run's defaults.
     */
    private Properties runDefaults(String bootstrap, String applicationId) {
        Properties p = new Properties();
        p.putAll(options.settings());
        p.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.setProperty(StreamsConfig.STATE_DIR_CONFIG, home.resolve("state-" + applicationId).toString());
        return p;
    }

    /** The random scenario in parts of {@value #PART} investments, each with its own eventIds and seed. */
    private long preload(String bootstrap, Topics topics) {
        long start = System.nanoTime();
        long inputs = 0;
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int part = 0; part * (long) PART < options.events(); part++) {
                Scenario scenario = part(part);
                if (part == 0) {
                    scenario.rates().forEach(r -> send(producer, topics, Kind.FX_RATES, r));
                }
                scenario.investments().forEach(r -> send(producer, topics, Kind.INVESTMENTS, r));
                scenario.measures().forEach(r -> send(producer, topics, Kind.MEASURES, r));
                inputs += scenario.investments().size() + scenario.measures().size();
            }
            producer.flush();
            requireAllSent("preload");
        }
        out.printf("  preloaded %,d input records at %,.0f records/s%n", inputs, inputs / seconds(start));
        return inputs;
    }

    private Scenario part(int part) {
        int size = (int) Math.min(PART, options.events() - (long) part * PART);
        return RandomScenario.generate(options.seed() + part, size, "p" + part + "-");
    }

    /**
     * The job as {@code options.instances()} separate processes with one application id, from a cold start: the
     * combined rate, and how the records their tasks read split between them (the hot spot shows as an uneven split).
     */
    private void scaleOut(ObjectNode result, String bootstrap, Topics topics, long inputs, Run single) throws Exception {
        Properties config = config(bootstrap, "bench-instances", StreamsConfig.EXACTLY_ONCE_V2);
        Run instances = untilCommitted("job x " + options.instances(), config, topics, inputs,
                () -> processes(config, options.instances()));
        result.put("jobInstancesEventsPerSec", Math.round(instances.eventsPerSec()));
        result.put("jobInstancesSpeedup", ratio(instances.eventsPerSec(), single.eventsPerSec()));
        result.put("jobInstancesProcessCpuMicrosPerEvent", instances.cpuMicrosPerEvent());
        var shares = result.putArray("jobInstanceRecordShares");
        instances.instanceRecordShares().forEach(shares::add);
        out.printf("  records read per instance (share of all its tasks read): %s%n", instances.instanceRecordShares());
    }

    /** One plain consumer reading every input record and decoding it, start to end: no exactly-once job comes near. */
    private double readAndDecode(String bootstrap, Topics topics, long inputs) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        long start = System.nanoTime();
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topics.investments(), topics.measureUpdates());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (read < inputs) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        if (r.topic().equals(topics.investments())) {
                            AvroSerdes.investmentEvent().decode(r.value());
                        } else {
                            AvroSerdes.measureUpdate().decode(r.value());
                        }
                    } catch (RuntimeException undecodable) {
                        // counted all the same: the job reads it too
                    }
                    read++;
                }
            }
        }
        double rate = read / seconds(start);
        out.printf("  read + decode, one plain consumer (informative): %,.0f events/s%n", rate);
        return rate;
    }

    /** An application under measurement: running, and whether it stopped on an error. */
    private interface Running extends AutoCloseable {
        boolean hasStopped();

        /** CPU time spent on the application so far. */
        long cpuNanos();

        /** What to show when it stopped. */
        default String diagnosis() {
            return "";
        }
    }

    /**
     * What one application's run measured.
     *
     * @param assignment the partitions each instance's stream threads held when it had caught up, by instance
     */
    private record Run(double eventsPerSec, double cpuMicrosPerEvent, double storeCpuMicrosPerEvent,
                       Map<TopicPartition, Long> ends, Map<String, Set<TopicPartition>> assignment) {

        /**
         * Records per topic whose name has this prefix and suffix, the prefix and suffix cut off: end offsets, so a
         * transactional topic's commit markers count too (one per partition per commit).
         */
        Map<String, Long> recordsByTopic(String prefix, String suffix) {
            Map<String, Long> byTopic = new java.util.TreeMap<>();
            ends.forEach((tp, end) -> {
                if (tp.topic().startsWith(prefix) && tp.topic().endsWith(suffix)) {
                    String name = tp.topic().substring(prefix.length(), tp.topic().length() - suffix.length());
                    byTopic.merge(name, end, Long::sum);
                }
            });
            return byTopic;
        }

        /** Each instance's share of the records its tasks read (inputs, repartition topics, dead letters), largest first. */
        List<Double> instanceRecordShares() {
            long all = ends.values().stream().mapToLong(Long::longValue).sum();
            List<Double> shares = new ArrayList<>();
            for (Set<TopicPartition> held : assignment.values()) {
                long read = held.stream().mapToLong(tp -> ends.getOrDefault(tp, 0L)).sum();
                shares.add(all == 0 ? 0 : Math.round(1000.0 * read / all) / 1000.0);
            }
            shares.sort(java.util.Comparator.reverseOrder());
            return shares;
        }

        /** The largest partition's share of a topic's records (1/partitions when even, 1 when all in one). */
        double hotPartitionShare(String topicSuffix) {
            long max = 0;
            long sum = 0;
            for (var end : ends.entrySet()) {
                if (end.getKey().topic().endsWith(topicSuffix)) {
                    max = Math.max(max, end.getValue());
                    sum += end.getValue();
                }
            }
            return sum == 0 ? 0 : Math.round(1000.0 * max / sum) / 1000.0;
        }
    }

    private static Running job(Properties config) {
        PulseApp app = PulseApp.start(config);
        return new Running() {
            public boolean hasStopped() {
                return app.hasStopped();
            }

            public long cpuNanos() {
                return StreamThreadCpu.nanos(config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-");
            }

            public void close() {
                app.close();
            }
        };
    }

    private static Running streams(Topology topology, Properties config) {
        KafkaStreams streams = new KafkaStreams(topology, StreamsSettings.streamsConfig(config));
        streams.start();
        return new Running() {
            public boolean hasStopped() {
                return streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING;
            }

            public long cpuNanos() {
                return StreamThreadCpu.nanos(config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-");
            }

            public void close() {
                streams.close(Duration.ofSeconds(30));
            }
        };
    }

    private Running processes(Properties config, int count) {
        JobProcesses processes;
        try {
            processes = JobProcesses.start(config, count, home);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not start the job's processes", e);
        }
        return new Running() {
            public boolean hasStopped() {
                return processes.anyEnded();
            }

            public long cpuNanos() {
                return processes.cpuNanos();
            }

            public String diagnosis() {
                return ": " + System.lineSeparator() + processes.logTails();
            }

            public void close() {
                processes.close();
            }
        };
    }

    /**
     * An application from a cold start until it has processed and committed everything: its committed offsets reach
     * the end of every input partition, and of every topic it writes and reads itself (repartition topics, the
     * dead-letter topic), twice in a row with nothing new in between. A transactional topic's end is one past its
     * last commit marker, which the application never consumes, hence one offset of slack there. The CPU time of its
     * stream threads (global thread included) is taken when it has caught up, before they end.
     */
    private Run untilCommitted(String label, Properties config, Topics topics, long inputs, Supplier<Running> start)
            throws Exception {
        String group = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        long startNanos = System.nanoTime();
        long storeCpuAtStart = RocksDbThreadCpu.nanos();
        try (Running app = start.get(); Admin admin = Admin.create(Map.of("bootstrap.servers",
                config.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)))) {
            Set<String> inputTopics = Set.of(topics.investments(), topics.measureUpdates());
            Map<TopicPartition, Long> previousEnds = Map.of();
            long caughtUpAt = -1;
            long cpuNanos = 0;
            long storeCpuNanos = 0;
            Map<String, Set<TopicPartition>> assignment = Map.of();
            while (true) {
                Set<String> sources = new HashSet<>(inputTopics);
                if (!label.equals("pass-through") && !label.equals("count")) {
                    sources.add(topics.deadLetter());   // the job counts its own dead letters
                }
                admin.listTopics().names().get().stream()
                        .filter(t -> t.startsWith(group + "-") && t.endsWith("-repartition")).forEach(sources::add);
                Map<TopicPartition, Long> ends = endOffsets(admin, sources);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                boolean caughtUp = ends.entrySet().stream().allMatch(e -> {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    long slack = inputTopics.contains(e.getKey().topic()) || c == null ? 0 : 1;
                    return (c == null ? 0 : c.offset()) >= e.getValue() - slack;
                });
                if (!caughtUp) {
                    caughtUpAt = -1;
                } else if (caughtUpAt < 0) {
                    caughtUpAt = System.nanoTime();
                    cpuNanos = app.cpuNanos();
                    storeCpuNanos = RocksDbThreadCpu.nanos() - storeCpuAtStart;
                    assignment = assignment(admin, group);
                }
                if (caughtUp && ends.equals(previousEnds)) {
                    double rate = inputs / ((caughtUpAt - startNanos) / 1e9);
                    double cpuMicros = Math.round(cpuNanos / 1000.0 / inputs * 100) / 100.0;
                    double storeCpuMicros = Math.round(storeCpuNanos / 1000.0 / inputs * 100) / 100.0;
                    // a child process is measured whole (JIT, GC, HTTP server included); the rest by their stream threads
                    String cpu = label.equals("run") || label.startsWith("job x") ? "process CPU" : "stream-thread CPU";
                    out.printf("  %s (%s, cold start to all committed): %,.0f events/s, %.2f µs %s and "
                                    + "%.2f µs RocksDB background CPU per event%n", label,
                            config.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "run's default guarantee"), rate,
                            cpuMicros, cpu, storeCpuMicros);
                    return new Run(rate, cpuMicros, storeCpuMicros, ends, assignment);
                }
                previousEnds = ends;
                if (app.hasStopped()) {
                    throw new IllegalStateException(label + " stopped during the benchmark" + app.diagnosis());
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }
    }

    /**
     * The partitions each instance of an application holds, by instance: a stream thread's consumer is named
     * {@code <application id>-<process id>-StreamThread-N-consumer}, so the part before "-StreamThread" is the instance.
     */
    private static Map<String, Set<TopicPartition>> assignment(Admin admin, String group) throws Exception {
        Map<String, Set<TopicPartition>> byInstance = new java.util.TreeMap<>();
        for (var member : admin.describeConsumerGroups(List.of(group)).all().get().get(group).members()) {
            String clientId = member.clientId();
            int thread = clientId.indexOf("-StreamThread-");
            String instance = thread < 0 ? clientId : clientId.substring(0, thread);
            byInstance.computeIfAbsent(instance, i -> new HashSet<>()).addAll(member.assignment().topicPartitions());
        }
        return byInstance;
    }

    /** The system's one-minute load average (runnable processes, all users), to two decimals. */
    private static double loadAverage() {
        return Math.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : Math.round(a / b * 1000) / 1000.0;
    }

    /**
     * Freshness at a steady rate: from an input's append (its timestamp) to the committed output that reflects it. The
     * application resumes where its measured run left off and first works through what other phases added to the
     * inputs since, so that the clock starts on an idle application.
     */
    private long[] freshness(String label, Properties config, Topics topics, String bootstrap, List<String> outputTopics,
                             Supplier<Running> start) throws Exception {
        List<Long> latencies = new ArrayList<>();
        try (Running app = start.get(); KafkaProducer<String, byte[]> producer = producer(bootstrap);
             KafkaConsumer<String, byte[]> consumer = outputConsumer(bootstrap)) {
            awaitCaughtUp(config, topics, app);
            List<TopicPartition> outputs = new ArrayList<>();
            outputTopics.forEach(topic -> outputs.addAll(partitions(consumer, topic)));
            consumer.assign(outputs);
            consumer.seekToEnd(outputs);
            consumer.poll(Duration.ofMillis(100));
            Scenario steady = RandomScenario.generate(options.seed() + 1, options.steadyRate() * options.steadySeconds());
            long intervalNanos = 1_000_000_000L / options.steadyRate();
            long next = System.nanoTime();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.steadySeconds());
            int i = 0;
            List<InvestmentEvent> events = steady.investments();
            while (System.nanoTime() < end && i < events.size()) {
                InvestmentEvent e = events.get(i++);
                e.setEventId("steady-" + i);
                send(producer, topics, Kind.INVESTMENTS, e);
                next += intervalNanos;
                if (i % 50 == 0) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ZERO)) {
                        latencies.add(System.currentTimeMillis() - r.timestamp());
                    }
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            producer.flush();
            requireAllSent("steady phase");
            long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < drain) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    latencies.add(System.currentTimeMillis() - r.timestamp());
                }
            }
        }
        latencies.sort(Long::compare);
        long p50 = latencies.isEmpty() ? -1 : latencies.get(latencies.size() / 2);
        long p99 = latencies.isEmpty() ? -1 : latencies.get(Math.min(latencies.size() - 1, (int) (latencies.size() * 0.99)));
        out.printf("  %s freshness at %,d events/s: p50 %d ms, p99 %d ms (%,d outputs)%n", label, options.steadyRate(), p50, p99,
                latencies.size());
        return new long[] {p50, p99};
    }

    /** Waits until the application's group has committed the end of both inputs (five minutes at most). */
    private static void awaitCaughtUp(Properties config, Topics topics, Running app) throws Exception {
        String group = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", config.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)))) {
            while (System.nanoTime() < deadline && !app.hasStopped()) {
                Map<TopicPartition, Long> ends = endOffsets(admin, Set.of(topics.investments(), topics.measureUpdates()));
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                if (ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue())) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        throw new IllegalStateException(group + " did not catch up with its inputs before the steady phase" + app.diagnosis());
    }

    private void printTable(ObjectNode r) {
        out.println();
        out.println("  measure                                   value");
        r.fields().forEachRemaining(f -> out.printf("  %-40s %s%n", f.getKey(), f.getValue()));
        out.println();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, Set<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
                .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String... topics) {
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> out.add(new TopicPartition(topic, p.partition())));
        }
        return out;
    }

    private static KafkaConsumer<String, byte[]> outputConsumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(128 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private void send(KafkaProducer<String, byte[]> producer, Topics topics, Kind kind, SpecificRecordBase record) {
        producer.send(new ProducerRecord<>(kind.topic(topics), kind.keyOf(record), kind.encode(record)), (metadata, e) -> {
            if (e != null && unsent.getAndIncrement() == 0) {
                firstSendFailure = e;
            }
        });
    }

    /**
     * Stops the run when the broker did not take every input: the job would wait for events that never came, and
     * any figure taken on fewer inputs would be wrong.
     */
    private void requireAllSent(String phase) {
        if (unsent.get() > 0) {
            throw new IllegalStateException(phase + ": the broker did not take " + unsent.get() + " input records; the first "
                    + "failure was: " + firstSendFailure, firstSendFailure);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
