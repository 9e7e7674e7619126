package org.fdipulse.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Brings every accepted input record to the partition of its ledger key (eventId; city|measureId), where its ledger
 * entry lives. Section 2 of the contract keys the inputs by exactly that, so a producer that follows it with the
 * default partitioner has put the record there already: it goes straight to the ledger. Any other record (a key in
 * other letter case, another key, another partitioner) takes the repartition topic, which the default partitioner
 * places in the same partition as a well-keyed record of the same ledger key. This saves every well-keyed record a
 * produce, a consume and a commit interval.
 */
final class LedgerPartitions {

    private LedgerPartitions() {
    }

    /**
     * Whether a record already sits where the repartition topic would put its ledger key: its input key is exactly
     * that key, and its partition is the one the default partitioner gives that key (murmur2, as Kafka Streams'
     * repartition topics and Java producers place keys).
     *
     * @param partitions the input topic's partition count, 0 if unknown: then no record is taken to be in place
     */
    static boolean isInPlace(byte[] inputKey, String ledgerKey, int partition, int partitions) {
        if (inputKey == null || partitions <= 0 || partition < 0) {
            return false;
        }
        byte[] wanted = ledgerKey.getBytes(StandardCharsets.UTF_8);
        return Arrays.equals(inputKey, wanted) && Utils.toPositive(Utils.murmur2(wanted)) % partitions == partition;
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
