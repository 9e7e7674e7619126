package org.fdipulse.app;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.fdipulse.config.KafkaClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance reaches its brokers, asked every 5 s with the cheapest request there is (describe the cluster)
 * from an admin client of its own. Kafka Streams stays RUNNING while an instance is cut off from every broker: its
 * threads keep polling and get nothing, the group gives its tasks to the other instances once the session times out,
 * and the figures it serves stop moving. Cut off for 45 s in the partition test, it answered {@code /health/ready} 200
 * throughout (90 of 90 probes) until this check; readiness now says 503, so a load balancer sends queries elsewhere.
 */
public final class BrokerContact implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerContact.class);
    static final Duration EVERY = Duration.ofSeconds(5);
    /** Three checks in a row without an answer: one slow answer on a loaded machine is not an outage. */
    static final Duration LOST_AFTER = Duration.ofSeconds(15);

    private final Callable<?> ask;
    private final LongSupplier nanoClock;
    private final String bootstrap;
    private final AutoCloseable resources;
    private volatile long lastAnswer;
    private volatile String lastError = "no answer yet";
    private volatile boolean reportedLost;

    BrokerContact(Callable<?> ask, LongSupplier nanoClock, String bootstrap, AutoCloseable resources) {
        this.ask = ask;
        this.nanoClock = nanoClock;
        this.bootstrap = bootstrap;
        this.resources = resources;
        this.lastAnswer = nanoClock.getAsLong();
    }

    /** Checks every {@link #EVERY} in a daemon thread, with an admin client made from the job's own settings. */
    static BrokerContact watch(Properties config) {
        Admin admin = Admin.create(KafkaClients.admin(config));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "fdi-broker-contact");
            thread.setDaemon(true);
            return thread;
        });
        DescribeClusterOptions quick = new DescribeClusterOptions().timeoutMs((int) EVERY.toMillis());
        BrokerContact contact = new BrokerContact(() -> admin.describeCluster(quick).clusterId().get(EVERY.toMillis(),
                TimeUnit.MILLISECONDS), System::nanoTime, config.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG),
                () -> {
                    timer.shutdownNow();
                    admin.close(Duration.ofSeconds(1));
                });
        timer.scheduleWithFixedDelay(contact::check, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return contact;
    }

    /** One question to the brokers; logs once when contact is lost and once when it is back. */
    void check() {
        try {
            ask.call();
            if (reportedLost) {
                LOG.info("the brokers answer again ({}): this instance takes part in the job again and /health/ready "
                        + "answers 200 once its tasks are back", bootstrap);
                reportedLost = false;
            }
            lastAnswer = nanoClock.getAsLong();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            lastError = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            Optional<String> lost = lost();
            if (lost.isPresent() && !reportedLost) {
                LOG.warn("{}; /health/ready answers 503 until they do", lost.get());
                reportedLost = true;
            }
        }
    }

    /** Why this instance is cut off from its brokers, when no check has had an answer for {@link #LOST_AFTER}. */
    public Optional<String> lost() {
        long silent = nanoClock.getAsLong() - lastAnswer;
        if (silent < LOST_AFTER.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(String.format("no broker of %s has answered for %d s (%s): this instance's tasks go to the other "
                + "instances and the figures it holds are not updated; check the network between this host and the brokers",
                bootstrap, TimeUnit.NANOSECONDS.toSeconds(silent), lastError));
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            LOG.debug("closing the broker-contact check", e);
        }
    }
}
