package org.fdipulse.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.fdipulse.rules.RejectionReason;

/**
 * What this instance of the job has processed since it started: records accepted per input, records dead-lettered
 * per R6 code, duplicate or stale investment revisions (R3) and older measure updates that arrived late (R5).
 *
 * <p>Approximate, and per instance. The processors count a record when they process it, outside the transaction that
 * commits its results: when exactly-once aborts a transaction (a crash, an instance fenced or dropped from its group
 * before it committed) the records since the last commit are processed again, here or on another instance, and
 * counted again. Their rates serve dashboards and alerts; the exact counts are in the job's state
 * ({@code /api/v1/dead-letters}, {@code fdi_dead_letters_recorded}). Kafka Streams' own sensors would count a replay
 * again too, so moving the counters there would not make them exact. Thread-safe.
 */
public final class PipelineCounters {

    private final Map<RejectionReason, LongAdder> rejected = new EnumMap<>(RejectionReason.class);
    private final Map<String, LongAdder> accepted = new ConcurrentHashMap<>();
    private final LongAdder duplicateInvestments = new LongAdder();
    private final LongAdder staleMeasureUpdates = new LongAdder();

    public PipelineCounters() {
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, new LongAdder());
        }
    }

    public void rejected(RejectionReason reason) {
        rejected.get(reason).increment();
    }

    /** @param input the intake step, e.g. {@code investment-intake} */
    public void accepted(String input) {
        accepted.computeIfAbsent(input, k -> new LongAdder()).increment();
    }

    public long acceptedCount(String input) {
        LongAdder count = accepted.get(input);
        return count == null ? 0 : count.sum();
    }

    public void duplicateInvestment() {
        duplicateInvestments.increment();
    }

    public void staleMeasureUpdate() {
        staleMeasureUpdates.increment();
    }

    public long rejectedCount(RejectionReason reason) {
        return rejected.get(reason).sum();
    }

    public long duplicateInvestments() {
        return duplicateInvestments.sum();
    }

    public long staleMeasureUpdates() {
        return staleMeasureUpdates.sum();
    }
}
