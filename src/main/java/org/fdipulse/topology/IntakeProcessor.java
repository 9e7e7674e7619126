package org.fdipulse.topology;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.fdipulse.rules.Rejection;
import org.fdipulse.rules.RejectionReason;
import org.fdipulse.rules.Verdict;
import org.fdipulse.serde.InputDecoder;

/**
 * The first step for every input topic: decodes the raw bytes (MALFORMED when they do not decode), asks the rules
 * for a verdict, and forwards either the accepted value under its key to its ledger, or the input's dead letter (its
 * untouched key and bytes with the dead-letter headers, or a reference when it is too large; see {@link DeadLetters})
 * to the dead-letter topic, each to its child by name ({@link IntakeRoutes}). Nothing is dropped and nothing throws.
 *
 * <p>Records keep the timestamp they arrived with. Event time ({@code occurredAt}) travels in the value, where the
 * rules read it: no step is windowed, and as a Kafka timestamp it would fail the job for instants before 1970 and
 * be refused by brokers, on the job's internal topics, for instants more than an hour ahead.
 */
abstract class IntakeProcessor<I extends SpecificRecordBase, O> extends ContextualProcessor<byte[], byte[], String, O> {

    private final InputDecoder<I> decoder;
    private final int sourcePartitions;
    private final IntakeRoutes routes;

    /** @param sourcePartitions the input topic's partition count, 0 if unknown (every record is then repartitioned) */
    IntakeProcessor(InputDecoder<I> decoder, int sourcePartitions, IntakeRoutes routes) {
        this.decoder = decoder;
        this.sourcePartitions = sourcePartitions;
        this.routes = routes;
    }

    abstract Verdict<O> admit(I input);

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.value() == null) {
            reject(record, new Rejection(RejectionReason.MALFORMED, "the record has no value (a tombstone); "
                    + "input topics take Avro single-object encoded records only"), null);
            return;
        }
        I input;
        try {
            input = decoder.decode(record.value());
        } catch (SerializationException e) {
            reject(record, new Rejection(RejectionReason.MALFORMED, e.getMessage()), e);
            return;
        }
        Verdict<O> verdict = admit(input);
        if (verdict instanceof Verdict.Accepted<O> accepted) {
            accept(record, accepted);
        } else if (verdict instanceof Verdict.Rejected<O> rejected) {
            reject(record, rejected.rejection(), null);
        }
    }

    private void accept(Record<byte[], byte[]> record, Verdict.Accepted<O> accepted) {
        if (!routes.keepsAccepted()) {
            return;
        }
        routes.counters().accepted(routes.step());
        int partition = context().recordMetadata().map(RecordMetadata::partition).orElse(-1);
        boolean inPlace = LedgerPartitions.isInPlace(record.key(), accepted.key(), partition, sourcePartitions);
        // The input's headers stay behind: no rule reads them, and carried into the job's internal topics, a
        // valid record with large headers would outgrow what the broker accepts there.
        context().forward(new Record<>(accepted.key(), accepted.value(), record.timestamp(), new RecordHeaders()),
                inPlace ? routes.inPlace() : routes.moved());
    }

    private void reject(Record<byte[], byte[]> record, Rejection rejection, Exception cause) {
        DeadLetters deadLetters = routes.deadLetters();
        DeadLetters.Letter letter = deadLetters.letter(record.key(), record.value(), record.headers(), rejection, cause,
                context().recordMetadata().orElse(null));
        routes.counters().rejected(rejection.reason());
        deadLetters.forward(context(), letter, record.timestamp(), routes.deadLetterSink());
    }
}
