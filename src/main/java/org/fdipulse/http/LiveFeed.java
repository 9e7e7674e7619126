package org.fdipulse.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.sse.SseClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.fdipulse.config.Topics;
import org.fdipulse.output.JsonViews;
import org.fdipulse.output.RecordRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/stream}: one Server-Sent Event per committed output update ({@code services-share},
 * {@code sector-summary}, {@code pilot-progress}) with {@code {key, value}} as data. A read_committed consumer follows
 * the output topics from their end, so clients see only what the job committed. Each client has its own sender and a
 * bounded queue: a client that falls {@value #CLIENT_BUFFER} events behind is disconnected, and nothing waits on it.
 * At most {@code fdi.http.live-feed.max-clients} clients are served at once: each holds a connection and a sender
 * thread, so without a cap enough idle clients would exhaust the process. A client beyond it is told 503 before its
 * stream starts ({@link #tryReserve()}).
 * Also measures freshness: the time from an output record's timestamp (that of the input behind it) to its arrival.
 */
final class LiveFeed implements AutoCloseable {

    static final int CLIENT_BUFFER = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    private final Map<SseClient, ThreadPoolExecutor> clients = new ConcurrentHashMap<>();
    private final Map<String, String> eventNames;
    private final Timer freshness;
    private final Thread reader;
    private final int maxClients;
    private final AtomicInteger reserved = new AtomicInteger();
    private volatile boolean running = true;
    private final RecordRenderer renderer;

    /** @param consumerSettings the Kafka client settings of the feed's consumer ({@code KafkaClients.consumer}) */
    LiveFeed(Properties consumerSettings, Topics topics, MeterRegistry registry, int maxClients, RecordRenderer renderer) {
        this.maxClients = maxClients;
        this.renderer = renderer;
        Gauge.builder("fdi.http.live.feed.clients", reserved, AtomicInteger::get)
                .description("Live-feed clients served now (at most " + HttpSettings.LIVE_FEED_MAX_CLIENTS + ")").register(registry);
        eventNames = topics.outputEvents();
        freshness = Timer.builder("fdi.output.freshness")
                .description("Time from an output record's timestamp (its input's append time) to its arrival in the feed")
                // Buckets, not client-side percentiles: they add up across instances (histogram_quantile over the sum),
                // which per-instance quantiles never do. Bounded to the range that matters.
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        reader = new Thread(() -> read(consumerSettings), "live-feed");
        reader.setDaemon(true);
        reader.start();
    }

    /** Takes a place for a client about to subscribe; false when every place is taken. */
    boolean tryReserve() {
        int now;
        do {
            now = reserved.get();
            if (now >= maxClients) {
                return false;
            }
        } while (!reserved.compareAndSet(now, now + 1));
        return true;
    }

    /** Gives back a place taken by {@link #tryReserve()} for a client that never subscribed. */
    void release() {
        reserved.decrementAndGet();
    }

    int maxClients() {
        return maxClients;
    }

    /** A client that holds a place from {@link #tryReserve()}; the place is freed when it goes. */
    void subscribe(SseClient client) {
        ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(CLIENT_BUFFER), r -> {
                    Thread t = new Thread(r, "live-feed-client");
                    t.setDaemon(true);
                    return t;
                });
        clients.put(client, sender);
        client.onClose(() -> drop(client));
        if (client.terminated()) {
            drop(client); // gone before it could be told of its closing
            return;
        }
        client.keepAlive();
    }

    private void broadcast(String event, String data) {
        for (var entry : clients.entrySet()) {
            try {
                entry.getValue().execute(() -> entry.getKey().sendEvent(event, data));
            } catch (RejectedExecutionException slow) {
                LOG.info("a live-feed client fell {} events behind and was disconnected; it may reconnect", CLIENT_BUFFER);
                entry.getKey().close();
                drop(entry.getKey());
            }
        }
    }

    private void drop(SseClient client) {
        ThreadPoolExecutor sender = clients.remove(client);
        if (sender != null) {
            sender.shutdownNow();
            reserved.decrementAndGet();
        }
    }

    private void read(Properties consumerSettings) {
        Properties props = new Properties();
        props.putAll(consumerSettings);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : eventNames.keySet()) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    freshness.record(Math.max(0, System.currentTimeMillis() - r.timestamp()), TimeUnit.MILLISECONDS);
                    if (!clients.isEmpty()) {
                        ObjectNode data = renderer.renderLine(r.key() == null ? null : r.key().getBytes(), r.value(), r.headers());
                        broadcast(eventNames.get(r.topic()), JsonViews.MAPPER.writeValueAsString(data));
                    }
                }
            }
        } catch (Exception e) {
            if (running) {
                LOG.warn("the live feed stopped reading the output topics: {}", e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        clients.keySet().forEach(SseClient::close);
        clients.values().forEach(ThreadPoolExecutor::shutdownNow);
    }

}
