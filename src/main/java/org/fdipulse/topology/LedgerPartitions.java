package org.fdipulse.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Brings every accepted input record to the partition of its ledger key (eventId; city|measureId), where its ledger
 * entry lives. Section 2 of the contract keys the inputs by exactly that, so a producer that follows it, with the
 * default partitioner as every Kafka Streams source assumes, has put the record there already: it goes straight to
 * the ledger. Only a record keyed otherwise (a code in other letter case, another key) takes the repartition topic.
 * This saves every well-keyed record a produce, a consume and a commit interval.
 */
final class LedgerPartitions {

    private LedgerPartitions() {
    }

    static <T> KStream<String, T> colocate(KStream<String, Intake.Accepted<T>> accepted, String name, Serde<T> serde) {
        var branches = accepted.split(Named.as(name + "-"))
                .branch((key, record) -> record.inPlace(), Branched.as("in-place"))
                .defaultBranch(Branched.as("moved"));
        KStream<String, T> inPlace = branches.get(name + "-in-place")
                .mapValues(Intake.Accepted::value, Named.as(name + "-in-place-values"));
        KStream<String, T> moved = branches.get(name + "-moved")
                .mapValues(Intake.Accepted::value, Named.as(name + "-moved-values"))
                .repartition(Repartitioned.with(Serdes.String(), serde).withName(name));
        return inPlace.merge(moved, Named.as(name + "-merge"));
    }
}
