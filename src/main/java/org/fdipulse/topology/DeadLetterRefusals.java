package org.fdipulse.topology;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the job does when the broker refuses a record it wrote. A dead letter refused as too large means the
 * dead-letter topic's {@code max.message.bytes} was lowered after the job started: the instance's {@link
 * DeadLetterLimit} is lowered below that letter and the write fails as any failed write does, so that the stream
 * thread is replaced and resumes from its last commit (nothing is lost or counted twice). Processed again, the input
 * becomes a reference dead letter, which fits. Before, the same letter failed again on every replacement thread until
 * the job was restarted. Any other refusal is Kafka Streams' default (retry when retriable, else fail): an output
 * record must never be dropped.
 */
public final class DeadLetterRefusals implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRefusals.class);

    private final ProductionExceptionHandler defaults = new DefaultProductionExceptionHandler();
    private DeadLetterLimit limit;

    @Override
    public void configure(Map<String, ?> configs) {
        defaults.configure(configs);
        limit = configs.get(DeadLetterLimit.CONFIG) instanceof DeadLetterLimit configured ? configured : null;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (limit != null && exception instanceof RecordTooLargeException && limit.topic().equals(record.topic())) {
            long size = DeadLetters.sizeOf(record.key(), record.value(), record.headers());
            long now = limit.refused(size);
            LOG.warn("{} refused a dead letter of about {} bytes (the input at {}-{} offset {}): its max.message.bytes is "
                    + "lower than when the job started. Dead letters larger than {} bytes are now written as references "
                    + "(error.truncated: the input's topic, partition and offset); the stream thread is replaced and the "
                    + "input processed again. Restart the job to read the topic's limit anew.", record.topic(), size,
                    context.topic(), context.partition(), context.offset(), now);
            return Response.fail();
        }
        return defaults.handleError(context, record, exception);
    }
}
