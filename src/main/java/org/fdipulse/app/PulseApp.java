package org.fdipulse.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.output.OutputFormat;
import org.fdipulse.output.OutputSchemas;
import org.fdipulse.output.OutputTopic;
import org.fdipulse.output.Outputs;
import org.fdipulse.serde.registry.SchemaRegistryClient;
import org.fdipulse.config.StreamsSettings;
import org.fdipulse.config.Topics;
import org.fdipulse.metrics.PipelineCounters;
import org.fdipulse.topology.DeadLetterLimit;
import org.fdipulse.topology.DeadLetterRefusals;
import org.fdipulse.topology.PulseTopology;
import org.fdipulse.topology.RateRejectionsTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running job: the topology of the rules and its companion that dead-letters invalid rates, as two Kafka Streams
 * applications started and stopped together. The job is running when both are.
 */
public final class PulseApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PulseApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final PipelineCounters counters = new PipelineCounters();
    private final ThreadFailures threadFailures = new ThreadFailures();
    private final KafkaStreams job;
    private final KafkaStreams rateRejections;
    private final PulseSettings settings;
    private final Properties config;
    private final Set<KafkaStreams> ranOnce = ConcurrentHashMap.newKeySet();
    private final BrokerContact brokerContact;
    private final StateDirectorySpace stateDirectorySpace;

    /** @param settings read from {@code config}, with what the cluster told at start about the job's topics */
    private PulseApp(Properties config, PulseSettings settings) {
        this.config = config;
        this.settings = settings;
        warnIfAnotherHandlerIsSet(config);
        brokerContact = BrokerContact.watch(config);
        // one limit for both applications: a dead letter the topic refuses lowers it for every dead-letter step
        DeadLetterLimit deadLetterLimit = new DeadLetterLimit(settings.topics().deadLetter(), settings.deadLetterMaxBytes());
        job = new KafkaStreams(PulseTopology.build(settings, counters, deadLetterLimit),
                withDeadLetterRefusals(StreamsSettings.streamsConfig(config), deadLetterLimit));
        rateRejections = new KafkaStreams(RateRejectionsTopology.build(settings, counters, deadLetterLimit),
                withDeadLetterRefusals(StreamsSettings.rateRejectionsConfig(config), deadLetterLimit));
        stateDirectorySpace = StateDirectorySpace.watch(stateDirectory(config), this::secondsSinceEveryThreadPolled);
        job.setUncaughtExceptionHandler(threadFailures.handlerFor("the job"));
        rateRejections.setUncaughtExceptionHandler(threadFailures.handlerFor("the rate companion"));
        for (KafkaStreams streams : List.of(job, rateRejections)) {
            // RUNNING comes only once every active task restored its stores; readiness needs to know it happened once
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    ranOnce.add(streams);
                }
            });
        }
    }

    /** The state.dir both applications use: the user's, or Kafka Streams' default ({@code java.io.tmpdir}/kafka-streams). */
    private static Path stateDirectory(Properties config) {
        Object configured = StreamsSettings.streamsConfig(config).get(StreamsConfig.STATE_DIR_CONFIG);
        return Path.of(String.valueOf(configured != null ? configured
                : StreamsConfig.configDef().defaultValues().get(StreamsConfig.STATE_DIR_CONFIG)));
    }

    /**
     * The longest time since one of the job's stream threads last polled Kafka (their main consumers'
     * {@code last-poll-seconds-ago}); 0 when none is known yet. A thread polls at every turn of its loop, so a long
     * time means it is stuck in a call (StateDirectorySpace: blocked in RocksDB on a full disk).
     */
    private double secondsSinceEveryThreadPolled() {
        double longest = 0;
        for (KafkaStreams streams : List.of(job, rateRejections)) {
            for (var metric : streams.metrics().entrySet()) {
                var name = metric.getKey();
                String client = name.tags().getOrDefault("client-id", "");
                if (name.name().equals("last-poll-seconds-ago") && name.group().equals("consumer-metrics")
                        && client.matches(".*-StreamThread-\\d+-consumer") && metric.getValue().metricValue() instanceof Number n) {
                    longest = Math.max(longest, n.doubleValue());
                }
            }
        }
        return longest;
    }

    private static void warnIfAnotherHandlerIsSet(Properties config) {
        Object yours = config.get(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG);
        if (yours != null && !DeadLetterRefusals.class.getName().equals(yours.toString().trim())) {
            LOG.warn("{}={} is not used: fdi-pulse's own handler ({}) keeps a dead letter the topic refuses as a reference "
                    + "and otherwise acts as Kafka Streams' default, which never drops an output record",
                    StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, yours, DeadLetterRefusals.class.getName());
        }
    }

    private static Properties withDeadLetterRefusals(Properties streamsConfig, DeadLetterLimit limit) {
        streamsConfig.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterRefusals.class.getName());
        streamsConfig.put(DeadLetterLimit.CONFIG, limit);
        return streamsConfig;
    }

    /**
     * Creates missing topics, then starts both applications; they reach RUNNING in the background. The input topics'
     * partition counts and the dead-letter topic's limit, looked up as the topics are checked, go to the topology as
     * arguments ({@link PulseSettings#withInputPartitions}, {@link PulseSettings#withDeadLetterTopicLimit}): the
     * user's settings are passed on as they are.
     */
    public static PulseApp start(Properties config) {
        TopicProvisioner.ProvisionedTopics provisioned = TopicProvisioner.ensureAll(config);
        PulseSettings settings = PulseSettings.from(config);
        Topics topics = settings.topics();
        if (settings.outputFormat() == OutputFormat.CONFLUENT_AVRO) {
            Map<OutputTopic<?>, String> outputs = new LinkedHashMap<>();
            Outputs.EVERY.forEach(output -> outputs.put(output, topics.name(output)));
            OutputSchemas.prepare(settings.registry().orElseThrow(), outputs);
        }
        Map<String, Integer> inputPartitions = new HashMap<>();
        for (String input : List.of(topics.investments(), topics.measureUpdates())) {
            inputPartitions.put(input, provisioned.partitions().get(input));
        }
        PulseApp app = new PulseApp(config, settings.withInputPartitions(inputPartitions)
                .withDeadLetterTopicLimit(provisioned.deadLetterMaxMessageBytes()));
        app.job.start();
        app.rateRejections.start();
        LOG.info("fdi-pulse started: application.id {}, reporting currency {}, reading {}",
                StreamsSettings.streamsConfig(config).getProperty("application.id"), app.settings.reportingCurrency(),
                app.settings.topics().investments());
        return app;
    }

    public boolean isRunning() {
        return job.state() == KafkaStreams.State.RUNNING && rateRejections.state() == KafkaStreams.State.RUNNING;
    }

    /** Whether either application has stopped for good (an error, or close). */
    public boolean hasStopped() {
        return !job.state().isRunningOrRebalancing() && job.state() != KafkaStreams.State.CREATED
                || !rateRejections.state().isRunningOrRebalancing() && rateRejections.state() != KafkaStreams.State.CREATED;
    }

    /** Waits until both applications are running; false when the timeout passes first or the job stopped. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isRunning()) {
            if (hasStopped() || System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    public KafkaStreams streams() {
        return job;
    }

    public KafkaStreams rateRejections() {
        return rateRejections;
    }

    /** Running, or rebalancing (queries are then answered from what is available, or say 503). */
    public boolean isServing() {
        return job.state().isRunningOrRebalancing() && rateRejections.state().isRunningOrRebalancing();
    }

    /** Whether both applications have been RUNNING at least once, i.e. every store has been restored once. */
    public boolean hasBeenRunning() {
        return ranOnce.size() == 2;
    }

    public PulseSettings settings() {
        return settings;
    }

    /** The user's settings the job started with, from which every other Kafka client of the instance is configured. */
    public Properties clientSettings() {
        Properties copy = new Properties();
        copy.putAll(config);
        return copy;
    }

    public PipelineCounters counters() {
        return counters;
    }

    /** Stream threads that died on an error and were replaced, since this instance started. */
    public ThreadFailures threadFailures() {
        return threadFailures;
    }

    /** The free space under the state directory, and why the job is stuck while there is too little. */
    public StateDirectorySpace stateDirectorySpace() {
        return stateDirectorySpace;
    }

    /** Why the schema registry cannot be used now, while a read or write waits for it (contract section 11). */
    public java.util.Optional<String> registryOutage() {
        return settings.registry().flatMap(SchemaRegistryClient::outage);
    }

    /** Why this instance is cut off from every broker, while it is (no answer for 15 s). */
    public java.util.Optional<String> brokersUnreachable() {
        return brokerContact.lost();
    }

    /** Calls to the schema registry that found it without an answer and were tried again. */
    public long registryRetries() {
        return settings.registry().map(SchemaRegistryClient::retries).orElse(0L);
    }

    /** Which application stopped for good and in what state, for the operator. */
    public String stoppedReason() {
        return "the job is " + job.state() + ", the rate companion is " + rateRejections.state()
                + threadFailures.last().map(last -> "; the last stream-thread error: " + last).orElse("");
    }

    /**
     * Stops both applications and leaves their consumer groups, so that the other instances take over this one's
     * partitions at once: Kafka Streams otherwise stays a member until the session timeout (45 s), and a restarted or
     * remaining instance waits that long for the partitions. A crash still waits for the timeout.
     */
    @Override
    public void close() {
        CloseOptions leave = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT);
        // a stream thread waiting for the registry gives up, so that the threads can stop
        settings.registry().ifPresent(SchemaRegistryClient::close);
        job.close(leave);
        rateRejections.close(leave);
        brokerContact.close();
        stateDirectorySpace.close();
        LOG.info("fdi-pulse stopped");
    }
}
