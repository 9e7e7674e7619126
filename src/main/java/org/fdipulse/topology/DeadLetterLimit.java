package org.fdipulse.topology;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The largest dead letter the job writes, shared by the dead-letter steps of an instance's two applications and by
 * their production exception handler ({@link DeadLetterRefusals}). At start it is the smaller of the job's producer
 * limit and the dead-letter topic's {@code max.message.bytes}. An operator may lower the topic's limit while the job
 * runs; the broker then refuses a dead letter the job thought would fit, and the limit is lowered below that letter,
 * so that when its input is processed again it is written as a reference dead letter ({@link DeadLetters}).
 */
public final class DeadLetterLimit {

    /** The key under which an instance's limit reaches its handler, in the Kafka Streams configuration. */
    public static final String CONFIG = "fdi.internal.dead-letter-limit";

    private final String topic;
    private final AtomicLong bytes;

    /** @param atStart the largest record the job's producer and the dead-letter topic both accepted at start */
    public DeadLetterLimit(String topic, long atStart) {
        this.topic = topic;
        this.bytes = new AtomicLong(atStart);
    }

    String topic() {
        return topic;
    }

    long bytes() {
        return bytes.get();
    }

    /** Lowers the limit below a dead letter of this size, which the topic refused; returns the new limit. */
    long refused(long letterBytes) {
        return bytes.accumulateAndGet(letterBytes - 1, Math::min);
    }
}
