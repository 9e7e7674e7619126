package org.fdipulse.ingest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.config.KafkaClients;
import org.fdipulse.config.Topics;
import org.fdipulse.reference.Normalized;
import org.fdipulse.rules.MeasureAdmission;
import org.fdipulse.serde.AvroSerdes;
import org.fdipulse.serde.AvroSingleObjectSerde;
import org.fdipulse.serde.ConfluentAvro;
import org.fdipulse.serde.registry.SchemaRegistryClient;
import org.fdipulse.serde.JsonToAvro;

/**
 * Sends a JSON-lines stream to an input topic, one Avro record per line, keyed as the contract says. Lines are read
 * and sent one at a time (the producer's buffer bounds memory), so a file of any size streams through. A line the
 * schema cannot hold is reported as {@code line N: REASON: message} and skipped; every other line is sent.
 */
public final class Ingestor {

    /** What {@code --kind} names: the record, its topic, and its key. */
    public enum Kind {
        INVESTMENTS(InvestmentEvent::new, AvroSerdes.investmentEvent(), r -> ((InvestmentEvent) r).getEventId()),
        MEASURES(MeasureUpdate::new, AvroSerdes.measureUpdate(),
                r -> MeasureAdmission.ledgerKey((MeasureUpdate) r)),
        FX_RATES(FxRate::new, AvroSerdes.fxRate(), r -> Normalized.currency(((FxRate) r).getCurrency()));

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
    /** The registry to frame records for ({@code --format confluent-avro}); absent for single-object encoding. */
    private final Optional<SchemaRegistryClient> registry;

    /** @param settings the user's settings; the producer takes the Kafka client ones ({@link KafkaClients}) */
    public Ingestor(Properties settings) {
        this(settings, Optional.empty());
    }

    /**
     * @param registry frame each record for this registry (contract section 11), its schema registered under
     *                 {@code <topic>-value} (or, with {@code auto.register.schemas=false}, found there)
     */
    public Ingestor(Properties settings, Optional<SchemaRegistryClient> registry) {
        this.registry = registry;
        producerConfig = KafkaClients.producer(settings);
        producerConfig.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerConfig.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "10");
        producerConfig.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(64 * 1024));
    }

    /**
     * The longest line read: far above any record a broker accepts with its default limits (1 MiB), low enough that
     * a file without line breaks cannot exhaust the heap.
     */
    static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

    /**
     * Sends every line that makes a record. No line stops it: a line that cannot become a record, or that the
     * producer refuses at once, is reported as {@code line N: REASON: message}; one the broker refuses later is
     * reported as {@code line N: NOT_SENT: message} when the broker answers.
     */
    @SuppressWarnings("unchecked")
    public Result ingest(Kind kind, String topic, Reader input, PrintWriter err) throws IOException {
        AtomicLong failed = new AtomicLong();
        long sent = 0;
        long rejected = 0;
        long lineNumber = 0;
        long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
        var serde = (AvroSingleObjectSerde<SpecificRecordBase>) kind.serde;
        Function<SpecificRecordBase, byte[]> encode = serde::encode;
        if (registry.isPresent()) {
            SchemaRegistryClient client = registry.get();
            org.apache.avro.Schema schema = kind.newRecord.get().getSchema();
            String subject = topic + "-value";
            int id = client.settings().autoRegister() ? client.register(subject, schema)
                    : client.lookup(subject, schema).orElseThrow(() -> new IllegalStateException("subject " + subject
                            + " of the schema registry does not hold the schema of " + schema.getName()
                            + ", and auto.register.schemas=false forbids registering it; register it first"));
            encode = value -> ConfluentAvro.frame(id, value);
        }
        BoundedLines lines = new BoundedLines(input, MAX_LINE_CHARS);
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
            for (BoundedLines.Line line; (line = lines.next()) != null; ) {
                long number = ++lineNumber;
                if (line.tooLong()) {
                    report(err, number, "LINE_TOO_LONG", line.length() + " characters; a line holds one record of at most "
                            + MAX_LINE_CHARS + " characters");
                    rejected++;
                    continue;
                }
                if (line.text().isBlank()) {
                    continue;
                }
                ProducerRecord<String, byte[]> record;
                try {
                    SpecificRecordBase value = JsonToAvro.read(line.text(), kind.newRecord);
                    record = new ProducerRecord<>(topic, kind.key.apply(value), encode.apply(value));
                } catch (JsonToAvro.InvalidLineException e) {
                    report(err, number, e.problem().name(), e.getMessage());
                    rejected++;
                    continue;
                } catch (RuntimeException e) { // a defect of ours, not of the line: still only this line is lost
                    report(err, number, "CANNOT_ENCODE", e.toString());
                    rejected++;
                    continue;
                }
                try {
                    producer.send(record, (metadata, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                            report(err, number, "NOT_SENT", e.getMessage());
                        }
                    });
                    sent++;
                } catch (KafkaException e) { // refused before sending, e.g. larger than max.request.size
                    report(err, number, "NOT_SENT", e.getMessage());
                    failed.incrementAndGet();
                }
                if (System.nanoTime() > nextProgress) {
                    err.println("… " + lineNumber + " lines read, " + sent + " sent, " + rejected + " rejected");
                    err.flush();
                    nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
                }
            }
            producer.flush();
        }
        long notSent = failed.get();
        return new Result(sent - notSent, rejected, notSent);
    }

    private static void report(PrintWriter err, long line, String reason, String message) {
        synchronized (err) {
            err.println("line " + line + ": " + reason + ": " + message);
            err.flush();
        }
    }
}
