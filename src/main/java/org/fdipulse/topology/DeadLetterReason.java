package org.fdipulse.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** The {@code error.reason} of a dead letter ({@code UNKNOWN} for one written by something else than the job). */
final class DeadLetterReason extends ContextualFixedKeyProcessor<byte[], byte[], String> {

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
        Header reason = record.headers().lastHeader(DeadLetters.REASON_HEADER);
        // Only the reason goes on to the count's repartition topic: the dead letter's own headers (the input's, which
        // may be large) would make that internal record as large as the dead letter.
        context().forward(record.withValue(reason == null || reason.value() == null
                ? "UNKNOWN" : new String(reason.value(), StandardCharsets.UTF_8)).withHeaders(new RecordHeaders()));
    }
}
