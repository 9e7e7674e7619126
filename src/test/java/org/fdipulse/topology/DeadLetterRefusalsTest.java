package org.fdipulse.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.processor.TaskId;
import org.fdipulse.metrics.PipelineCounters;
import org.fdipulse.rules.Rejection;
import org.fdipulse.rules.RejectionReason;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a dead letter the topic refuses as too large lowers the limit, so that its input becomes a reference")
class DeadLetterRefusalsTest {

    private static final String TOPIC = "fdi.dead-letter";

    @Test
    @DisplayName("a refused dead letter lowers the limit below it and fails the write; the same input is then a reference")
    void refusedDeadLetter() {
        DeadLetterLimit limit = new DeadLetterLimit(TOPIC, 2 * 1024 * 1024);
        DeadLetters deadLetters = new DeadLetters(TOPIC, new PipelineCounters(), limit);
        byte[] input = new byte[300_000];
        Rejection malformed = new Rejection(RejectionReason.MALFORMED, "not a single-object Avro record");
        DeadLetters.Letter whole = deadLetters.letter("k".getBytes(StandardCharsets.UTF_8), input, new RecordHeaders(),
                malformed, null, null);
        assertEquals(300_000, whole.value().length, "under the limit read at start: the input whole");

        DeadLetterRefusals handler = handler(limit);
        var response = handler.handleError(CONTEXT, new ProducerRecord<>(TOPIC, null, whole.key(), whole.value(), whole.headers()),
                new RecordTooLargeException("The request included a message larger than the max message size the server will accept."));
        assertEquals(Result.FAIL, response.result(), "the write fails: the input is processed again, nothing dropped");
        long size = DeadLetters.sizeOf(whole.key(), whole.value(), whole.headers());
        assertEquals(size - 1, limit.bytes(), "the limit is just below the refused letter");

        DeadLetters.Letter again = deadLetters.letter("k".getBytes(StandardCharsets.UTF_8), input, new RecordHeaders(),
                malformed, null, null);
        assertEquals(0, again.value().length, "processed again, a reference dead letter");
        assertEquals("true", new String(again.headers().lastHeader(DeadLetters.TRUNCATED_HEADER).value(), StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("any other refusal is Kafka Streams' default, and the limit stays: an output record is never dropped")
    void otherRefusals() {
        DeadLetterLimit limit = new DeadLetterLimit(TOPIC, 1_000_000);
        DeadLetterRefusals handler = handler(limit);
        ProducerRecord<byte[], byte[]> output = new ProducerRecord<>("fdi.services-share", new byte[10], new byte[500_000]);
        assertEquals(Result.FAIL, handler.handleError(CONTEXT, output, new RecordTooLargeException("too large")).result(),
                "an output too large for its topic stops the thread: it must not be dropped");
        assertEquals(Result.RETRY, handler.handleError(CONTEXT, new ProducerRecord<>(TOPIC, new byte[1], new byte[1]),
                new TimeoutException("broker busy")).result(), "a retriable error is retried, as by default");
        assertEquals(1_000_000, limit.bytes());
    }

    private static DeadLetterRefusals handler(DeadLetterLimit limit) {
        DeadLetterRefusals handler = new DeadLetterRefusals();
        handler.configure(Map.of(DeadLetterLimit.CONFIG, limit));
        return handler;
    }

    private static final ErrorHandlerContext CONTEXT = new ErrorHandlerContext() {
        @Override public String topic() { return "fdi.investments"; }
        @Override public int partition() { return 1; }
        @Override public long offset() { return 42; }
        @Override public Headers headers() { return new RecordHeaders(); }
        @Override public String processorNodeId() { return "investment-intake-dead-letter-sink"; }
        @Override public TaskId taskId() { return new TaskId(0, 1); }
        @Override public long timestamp() { return 0; }
        @Override public byte[] sourceRawKey() { return null; }
        @Override public byte[] sourceRawValue() { return null; }
    };
}
