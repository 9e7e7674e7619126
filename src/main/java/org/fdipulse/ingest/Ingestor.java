package org.fdipulse.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.config.Topics;
import org.fdipulse.serde.AvroSerdes;
import org.fdipulse.serde.AvroSingleObjectSerde;

/**
 * Sends a JSON-lines stream to an input topic, one Avro record per line, keyed as SPEC section 2 says. Lines are read
 * and sent one at a time (the producer's buffer bounds memory), so a file of any size streams through. A line the
 * schema cannot hold is reported as {@code line N: REASON: message} and skipped; every other line is sent.
 */
public final class Ingestor {

    /** What {@code --kind} names: the record, its topic, and its key. */
    public enum Kind {
        INVESTMENTS(InvestmentEvent::new, AvroSerdes.investmentEvent(), r -> ((InvestmentEvent) r).getEventId()),
        MEASURES(MeasureUpdate::new, AvroSerdes.measureUpdate(),
                r -> ((MeasureUpdate) r).getCity().trim().toLowerCase(Locale.ROOT) + "|" + ((MeasureUpdate) r).getMeasureId()),
        FX_RATES(FxRate::new, AvroSerdes.fxRate(), r -> ((FxRate) r).getCurrency().trim().toUpperCase(Locale.ROOT));

        final Supplier<? extends SpecificRecordBase> newRecord;
        final AvroSingleObjectSerde<? extends SpecificRecordBase> serde;
        final Function<SpecificRecordBase, String> key;

        Kind(Supplier<? extends SpecificRecordBase> newRecord, AvroSingleObjectSerde<? extends SpecificRecordBase> serde,
             Function<SpecificRecordBase, String> key) {
            this.newRecord = newRecord;
            this.serde = serde;
            this.key = key;
        }

        public String topic(Topics topics) {
            return switch (this) {
                case INVESTMENTS -> topics.investments();
                case MEASURES -> topics.measureUpdates();
                case FX_RATES -> topics.fxRates();
            };
        }

        public String keyOf(SpecificRecordBase record) {
            return key.apply(record);
        }

        @SuppressWarnings("unchecked")
        public byte[] encode(SpecificRecordBase record) {
            return ((AvroSingleObjectSerde<SpecificRecordBase>) serde).encode(record);
        }

        /** {@code investments}, {@code measures} or {@code fx-rates}. */
        public static Kind parse(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** @param sent lines sent, @param rejected lines rejected, @param failed records the broker did not take */
    public record Result(long sent, long rejected, long failed) {
        public boolean clean() {
            return rejected == 0 && failed == 0;
        }
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final Properties producerConfig;

    public Ingestor(String bootstrapServers) {
        producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        producerConfig.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(64 * 1024));
    }

    @SuppressWarnings("unchecked")
    public Result ingest(Kind kind, String topic, BufferedReader lines, PrintWriter err) throws IOException {
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long sent = 0;
        long rejected = 0;
        long lineNumber = 0;
        long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        var serde = (AvroSingleObjectSerde<SpecificRecordBase>) kind.serde;
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
            for (String line; (line = lines.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                SpecificRecordBase record;
                try {
                    record = JsonToAvro.read(line, kind.newRecord);
                } catch (JsonToAvro.InvalidLineException e) {
                    err.println("line " + lineNumber + ": " + e.problem() + ": " + e.getMessage());
                    rejected++;
                    continue;
                }
                producer.send(new ProducerRecord<>(topic, kind.key.apply(record), serde.encode(record)), (metadata, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.getMessage());
                    }
                });
                sent++;
                if (System.nanoTime() > nextProgress) {
                    err.println("… " + lineNumber + " lines read, " + sent + " sent, " + rejected + " rejected");
                    err.flush();
                    nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
                }
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            err.println(failed.get() + " records were not accepted by the broker, the first because: " + firstFailure.get());
        }
        return new Result(sent - failed.get(), rejected, failed.get());
    }
}
