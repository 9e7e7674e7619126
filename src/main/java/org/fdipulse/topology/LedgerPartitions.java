package org.fdipulse.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Predicate;
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

    /**
     * The ledger's input: the intake step forwards each accepted record to one of two children by name, {@link #inPlace}
     * or {@link #moved}, which the repartition topic {@code <application.id>-<ledger>-repartition} follows.
     *
     * @param accepted what the intake step forwards ({@link IntakeRoutes})
     */
    static <T> KStream<String, T> colocate(KStream<String, T> accepted, String ledger, Serde<T> serde) {
        KStream<String, T> inPlace = accepted.filter(EVERY_RECORD, Named.as(inPlace(ledger)));
        KStream<String, T> moved = accepted.filter(EVERY_RECORD, Named.as(moved(ledger)))
                .repartition(Repartitioned.with(Serdes.String(), serde).withName(ledger));
        return inPlace.merge(moved, Named.as(ledger + "-merge"));
    }

    /** The children are routes, not filters: the intake step chose the route of each record. */
    private static final Predicate<String, Object> EVERY_RECORD = (key, value) -> true;

    static String inPlace(String ledger) {
        return ledger + "-in-place";
    }

    static String moved(String ledger) {
        return ledger + "-moved";
    }
}
