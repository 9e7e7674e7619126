package org.fdipulse.app;

import java.time.Duration;
import org.apache.kafka.streams.CloseOptions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.config.Topics;
import org.fdipulse.config.StreamsSettings;
import org.fdipulse.metrics.PipelineCounters;
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
    private final KafkaStreams job;
    private final KafkaStreams rateRejections;
    private final PulseSettings settings;

    private PulseApp(Properties config) {
        settings = PulseSettings.from(config);
        job = new KafkaStreams(PulseTopology.build(settings, counters), StreamsSettings.streamsConfig(config));
        rateRejections = new KafkaStreams(RateRejectionsTopology.build(settings, counters),
                StreamsSettings.rateRejectionsConfig(config));
        for (KafkaStreams streams : List.of(job, rateRejections)) {
            streams.setUncaughtExceptionHandler(new ThreadErrorHandler());
        }
    }

    /** Creates missing topics, then starts both applications; they reach RUNNING in the background. */
    public static PulseApp start(Properties config) {
        Map<String, Integer> partitions = TopicProvisioner.ensureAll(config);
        Topics topics = Topics.from(config);
        Properties withInputPartitions = new Properties();
        withInputPartitions.putAll(config);
        for (String input : List.of(topics.investments(), topics.measureUpdates())) {
            withInputPartitions.put(PulseSettings.INPUT_PARTITIONS_PREFIX + input, String.valueOf(partitions.get(input)));
        }
        PulseApp app = new PulseApp(withInputPartitions);
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

    public PulseSettings settings() {
        return settings;
    }

    public PipelineCounters counters() {
        return counters;
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
        job.close(leave);
        rateRejections.close(leave);
        LOG.info("fdi-pulse stopped");
    }
}
