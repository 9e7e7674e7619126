package org.fdipulse.topology;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.fdipulse.metrics.PipelineCounters;
import org.fdipulse.rules.Rejection;

/**
 * Rejected input goes to the dead-letter topic with its own key and bytes, header {@code error.reason} (an R6 code)
 * and the headers Kafka Streams' own dead-letter queue writes (KIP-1034), so users and Kafka tooling read the same.
 *
 * <p>Every dead letter fits what the job's producer and the dead-letter topic accept ({@link DeadLetterLimit}): one
 * that would not is written as a <em>reference</em> dead letter instead — the key (cut to 1 KiB), an empty value, the
 * reason, where the input sits (topic, partition, offset) and {@code error.truncated: true}. The input stays in its
 * topic, findable by offset. Without this, an input of nearly the broker's size limit, or one with large headers,
 * would fail the dead-letter write, stop the stream thread, and stop every instance its partition moves to.
 */
final class DeadLetters {

    static final String REASON_HEADER = "error.reason";
    static final String EXCEPTION_HEADER = "__streams.errors.exception";
    static final String MESSAGE_HEADER = "__streams.errors.message";
    static final String STACKTRACE_HEADER = "__streams.errors.stacktrace";
    static final String TOPIC_HEADER = "__streams.errors.topic";
    static final String PARTITION_HEADER = "__streams.errors.partition";
    static final String OFFSET_HEADER = "__streams.errors.offset";
    static final String TRUNCATED_HEADER = "error.truncated";

    static final int MAX_MESSAGE_CHARS = 1000;
    static final int MAX_STACKTRACE_CHARS = 4000;
    /** The key a reference dead letter keeps of a longer one. */
    static final int REFERENCE_KEY_BYTES = 1024;
    /** What a record costs beyond its key, value and headers: Kafka's record and batch framing, with a margin. */
    static final int FRAMING_BYTES = 1024;
    /** What a header costs beyond its name and value: varint lengths. */
    private static final int HEADER_FRAMING_BYTES = 10;

    private final String topic;
    private final PipelineCounters counters;
    private final DeadLetterLimit limit;

    /** @param limit the largest record the job's producer and the dead-letter topic both accept, as last learned */
    DeadLetters(String topic, PipelineCounters counters, DeadLetterLimit limit) {
        this.topic = topic;
        this.counters = counters;
        this.limit = limit;
    }

    /** A dead letter as it will be written: key, value and headers. */
    record Letter(byte[] key, byte[] value, Headers headers) {
    }

    /**
     * The dead letter of a rejected input: its own key, bytes and headers plus the dead-letter headers, or, when that
     * would not fit, a reference to it.
     */
    Letter letter(byte[] key, byte[] value, Headers input, Rejection rejection, Exception cause, RecordMetadata source) {
        Headers headers = headers(input, rejection, cause, source);
        if (sizeOf(key, value, headers) <= limit.bytes()) {
            return new Letter(key, value, headers);
        }
        Headers reference = headers(new RecordHeaders(), rejection, null, source);
        add(reference, TRUNCATED_HEADER, "true");
        byte[] cutKey = key == null || key.length <= REFERENCE_KEY_BYTES ? key : Arrays.copyOf(key, REFERENCE_KEY_BYTES);
        return new Letter(cutKey, new byte[0], reference);
    }

    /** An upper bound of the bytes the producer counts for a record against {@code max.request.size}. */
    static long sizeOf(byte[] key, byte[] value, Headers headers) {
        long size = FRAMING_BYTES + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header header : headers) {
            size += HEADER_FRAMING_BYTES + header.key().getBytes(StandardCharsets.UTF_8).length
                    + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    /** The intake step's routes: its dead letters here, its accepted values to {@code ledger} (null: nowhere). */
    IntakeRoutes routes(String step, String ledger) {
        return new IntakeRoutes(step, ledger, this, counters);
    }

    static String sinkName(String step) {
        return step + "-dead-letter-sink";
    }

    /**
     * Adds the dead-letter sink of an intake step, a child of the step's node that writes keys and values as the
     * bytes they are. The one record type a step forwards beside its accepted values is its dead letters (the input's
     * own bytes), and only to this sink, by name ({@link #forward}): so the sink's serdes are bytes, whatever the
     * stream's declared type.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void attachSink(KStream<String, ?> intake, String step) {
        intake.to(topic, (Produced) Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(sinkName(step)));
    }

    /** Forwards a dead letter to the intake step's dead-letter sink ({@link #attachSink}). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void forward(ProcessorContext<String, ?> context, Letter letter, long timestamp, String sink) {
        ((ProcessorContext) context).forward(new Record<>(letter.key(), letter.value(), timestamp, letter.headers()), sink);
    }

    /** The input's headers, plus the reason and where the record came from. */
    private static Headers headers(Headers input, Rejection rejection, Exception cause, RecordMetadata source) {
        Headers headers = new RecordHeaders(input.toArray());
        add(headers, REASON_HEADER, rejection.reason().name());
        add(headers, EXCEPTION_HEADER, (cause != null ? cause.getClass() : InputRejectedException.class).getName());
        add(headers, MESSAGE_HEADER, capped(rejection.message(), MAX_MESSAGE_CHARS));
        if (cause != null) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            add(headers, STACKTRACE_HEADER, capped(trace.toString(), MAX_STACKTRACE_CHARS));
        }
        if (source != null) {
            add(headers, TOPIC_HEADER, source.topic());
            add(headers, PARTITION_HEADER, String.valueOf(source.partition()));
            add(headers, OFFSET_HEADER, String.valueOf(source.offset()));
        }
        return headers;
    }

    /** Headers stay small, so that a dead letter is barely larger than the input record it carries. */
    private static String capped(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
