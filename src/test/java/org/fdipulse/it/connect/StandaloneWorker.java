package org.fdipulse.it.connect;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.connector.policy.NoneConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;

/**
 * A Kafka Connect standalone worker from {@code connect-runtime}, in this JVM: the worker and its standalone herder as
 * {@code connect-standalone.sh} builds them, without the REST server (connectors are added here directly).
 * Keys through StringConverter, values through JsonConverter with {@code schemas.enable=false}, as a user reading
 * schemaless JSON topics configures it.
 */
public final class StandaloneWorker implements AutoCloseable {

    private final StandaloneHerder herder;

    private StandaloneWorker(StandaloneHerder herder) {
        this.herder = herder;
    }

    public static StandaloneWorker start(String bootstrapServers, Path dir) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", JsonConverter.class.getName());
        props.put("value.converter.schemas.enable", "false");
        props.put("offset.storage.file.filename", dir.resolve("connect.offsets").toString());
        props.put("offset.flush.interval.ms", "1000");
        props.put("plugin.discovery", "service_load");
        props.put("consumer.isolation.level", "read_committed");
        StandaloneConfig config = new StandaloneConfig(props);
        Plugins plugins = new Plugins(props);
        plugins.compareAndSwapWithDelegatingLoader();
        FileOffsetBackingStore offsets = new FileOffsetBackingStore(
                plugins.newInternalConverter(true, JsonConverter.class.getName(), Map.of("schemas.enable", "false")));
        offsets.configure(config);
        ConnectorClientConfigOverridePolicy policy = new NoneConnectorClientConfigOverridePolicy();
        Worker worker = new Worker("fdi-pulse-test-worker", Time.SYSTEM, plugins, config, offsets, policy);
        StandaloneHerder herder = new StandaloneHerder(worker, "fdi-pulse-test-cluster", policy);
        herder.start();
        return new StandaloneWorker(herder);
    }

    /** Adds a sink connector reading {@code topic} into {@code file}, and waits until the herder has it. */
    public void addJsonLinesSink(String name, String topic, Path file) throws Exception {
        CompletableFuture<Object> created = new CompletableFuture<>();
        herder.putConnectorConfig(name, Map.of(
                "name", name,
                "connector.class", JsonLinesSinkConnector.class.getName(),
                "tasks.max", "1",
                "topics", topic,
                JsonLinesSinkConnector.FILE, file.toString()), false, (error, result) -> {
                    if (error != null) {
                        created.completeExceptionally(error);
                    } else {
                        created.complete(result);
                    }
                });
        created.get(1, TimeUnit.MINUTES);
    }

    /** Stops the herder, which stops the worker and its tasks. */
    @Override
    public void close() {
        herder.stop();
    }
}
