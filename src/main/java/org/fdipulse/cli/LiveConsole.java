package org.fdipulse.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.fdipulse.avro.Alert;
import org.fdipulse.avro.AlertState;
import org.fdipulse.avro.PilotProgress;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.config.Topics;
import org.fdipulse.keys.Scope;
import org.fdipulse.keys.ScopeFocusArea;
import org.fdipulse.output.Outputs;

/**
 * The demo's console view: reads the share and progress topics as they change and prints a short summary at a fixed
 * interval — the figures of ALL in the latest quarter (year on year too), the leading cities, pilot implementation,
 * and the alerts firing (R9): those of ALL by name, so that the demo shows them fire and resolve.
 */
public final class LiveConsole implements AutoCloseable {

    private final Map<String, ServicesShare> shares = new ConcurrentSkipListMap<>();
    private final Map<String, PilotProgress> progress = new ConcurrentSkipListMap<>();
    private final Map<String, Alert> alerts = new ConcurrentSkipListMap<>();
    private final Thread reader;
    private final Thread printer;
    private volatile boolean running = true;

    private LiveConsole(String bootstrapServers, Topics topics, PrintStream out, Duration every) {
        reader = new Thread(() -> read(bootstrapServers, topics), "live-console-reader");
        printer = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                out.println(summary());
            }
        }, "live-console-printer");
    }

    public static LiveConsole start(String bootstrapServers, Topics topics, PrintStream out, Duration every) {
        LiveConsole console = new LiveConsole(bootstrapServers, topics, out, every);
        console.reader.setDaemon(true);
        console.printer.setDaemon(true);
        console.reader.start();
        console.printer.start();
        return console;
    }

    String summary() {
        StringBuilder s = new StringBuilder("\n── fdi-pulse live ──────────────────────────────────────────\n");
        List<ServicesShare> ofAll = shares.values().stream().filter(x -> Scope.isAll(x.getScope())).toList();
        if (ofAll.isEmpty()) {
            return s.append("  waiting for the first figures…").toString();
        }
        ServicesShare latest = ofAll.get(ofAll.size() - 1);
        String quarter = latest.getQuarter();
        s.append(String.format("  ALL %s  services %s of %s %s (share %s)%n", quarter, billions(latest.getServices()),
                billions(latest.getTotal()), latest.getCurrency(), percent(latest.getServicesShare())));
        s.append(String.format("  ALL %s  year to date %s of %s (%s), %s on a year earlier; trailing four quarters %s of %s (%s)%n",
                quarter, billions(latest.getYtd().getServices()), billions(latest.getYtd().getTotal()),
                percent(latest.getYtd().getServicesShare()), signedPercent(latest.getYtd().getTotalYoy()),
                billions(latest.getTtm().getServices()),
                billions(latest.getTtm().getTotal()), percent(latest.getTtm().getServicesShare())));
        String leaders = shares.values().stream()
                .filter(x -> x.getQuarter().equals(quarter) && !Scope.isAll(x.getScope()))
                .sorted((a, b) -> b.getTotal().compareTo(a.getTotal())).limit(5)
                .map(x -> x.getScope() + " " + billions(x.getTotal()) + " (" + percent(x.getServicesShare()) + " services)")
                .collect(Collectors.joining(", "));
        s.append("  largest cities in ").append(quarter).append(": ").append(leaders).append('\n');
        PilotProgress all = progress.get(new ScopeFocusArea(Scope.ALL, Scope.ALL).encode());
        if (all != null) {
            s.append(String.format("  pilot measures: %d implemented, %d in progress, %d planned of %d (%s implemented)%n",
                    all.getImplemented(), all.getInProgress(), all.getPlanned(), all.getTotal(),
                    percent(all.getImplementationRate())));
        }
        List<Alert> firing = alerts.values().stream().filter(a -> a.getState() == AlertState.FIRING).toList();
        String firingForAll = firing.stream().filter(a -> Scope.isAll(a.getScope()))
                .map(a -> a.getRule() + " " + a.getQuarter()).collect(Collectors.joining(", "));
        s.append(String.format("  alerts firing: %d%s%n", firing.size(), firingForAll.isEmpty() ? "" : "; ALL: " + firingForAll));
        return s.toString();
    }

    private void read(String bootstrapServers, Topics topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.name(Outputs.SERVICES_SHARE), topics.name(Outputs.PILOT_PROGRESS), topics.name(Outputs.ALERTS))) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() == null) {
                        continue;
                    }
                    if (r.topic().equals(topics.name(Outputs.SERVICES_SHARE))) {
                        shares.put(r.key(), Outputs.SERVICES_SHARE.avro().decode(r.value()));
                    } else if (r.topic().equals(topics.name(Outputs.ALERTS))) {
                        alerts.put(r.key(), Outputs.ALERTS.avro().decode(r.value()));
                    } else {
                        progress.put(r.key(), Outputs.PILOT_PROGRESS.avro().decode(r.value()));
                    }
                }
            }
        }
    }

    private static String billions(BigDecimal amount) {
        return amount.movePointLeft(9).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " bn";
    }

    private static String signedPercent(BigDecimal ratio) {
        return ratio == null ? "n/a" : (ratio.signum() > 0 ? "+" : "") + percent(ratio);
    }

    private static String percent(BigDecimal ratio) {
        return ratio == null ? "n/a" : ratio.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    @Override
    public void close() {
        running = false;
        printer.interrupt();
    }
}
