package org.fdipulse.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.fdipulse.rules.RejectionReason;

/**
 * What this instance of the job has seen since it started: records dead-lettered per R6 code, duplicate or stale
 * investment revisions (R3) and older measure updates that arrived late (R5). Process-local; thread-safe.
 */
public final class PipelineCounters {

    private final Map<RejectionReason, LongAdder> rejected = new EnumMap<>(RejectionReason.class);
    private final Map<String, LongAdder> accepted = new java.util.concurrent.ConcurrentHashMap<>();
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
