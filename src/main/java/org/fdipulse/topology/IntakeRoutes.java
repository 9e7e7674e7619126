package org.fdipulse.topology;

import org.fdipulse.metrics.PipelineCounters;

/**
 * Where an intake step sends what it made of each input record, by child name: an accepted value, bare, to its
 * ledger ({@link LedgerPartitions}: straight in when the record already sits in its ledger partition, through the
 * repartition topic otherwise), and a rejected input's dead letter to the dead-letter topic ({@link DeadLetters}).
 *
 * @param step   the intake step's node name, which names its dead-letter sink and its count of accepted records
 * @param ledger the ledger its accepted values go to; null when they go nowhere (rates: the rate book reads them itself)
 */
record IntakeRoutes(String step, String ledger, DeadLetters deadLetters, PipelineCounters counters) {

    boolean keepsAccepted() {
        return ledger != null;
    }

    String inPlace() {
        return LedgerPartitions.inPlace(ledger);
    }

    String moved() {
        return LedgerPartitions.moved(ledger);
    }

    String deadLetterSink() {
        return DeadLetters.sinkName(step);
    }
}
