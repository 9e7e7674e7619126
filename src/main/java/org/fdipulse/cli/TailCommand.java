package org.fdipulse.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.fdipulse.config.KafkaClients;
import org.fdipulse.output.JsonViews;
import org.fdipulse.output.RecordRenderer;
import org.fdipulse.serde.registry.RegistrySettings;
import org.fdipulse.serde.registry.SchemaRegistryClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Prints each committed record of a topic as one JSON line {\"key\": K, \"value\": V}.",
                "Output values take the shapes of the HTTP API; dead letters also show their headers."})
final class TailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to print.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record rather than at the end.")
    boolean fromBeginning;

    @Option(names = "--idle-exit", paramLabel = "SECONDS",
            description = "Stop after this many seconds without a new record (default: run until stopped).")
    Double idleExitSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Properties settings = kafka.resolve();
        String bootstrapServers = KafkaOptions.bootstrapOf(settings);
        Properties props = KafkaClients.consumer(settings);
        // registry-framed values are shown in their shapes when schema.registry.url is set (contract section 11)
        RecordRenderer renderer = new RecordRenderer(RegistrySettings.from(settings).map(SchemaRegistryClient::new));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (partitions == null || partitions.isEmpty()) {
                spec.commandLine().getErr().println("topic " + topic + " does not exist on " + bootstrapServers);
                return 1;
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            if (fromBeginning) {
                consumer.seekToBeginning(assigned);
            } else {
                consumer.seekToEnd(assigned);
            }
            long idleLimit = idleExitSeconds == null ? Long.MAX_VALUE : (long) (idleExitSeconds * 1_000_000_000L);
            long lastRecord = System.nanoTime();
            while (System.nanoTime() - lastRecord < idleLimit) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.println(JsonViews.MAPPER.writeValueAsString(renderer.renderLine(r.key(), r.value(), r.headers())));
                    lastRecord = System.nanoTime();
                }
                out.flush();
            }
        }
        return 0;
    }
}
