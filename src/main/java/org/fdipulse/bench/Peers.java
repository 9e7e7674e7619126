package org.fdipulse.bench;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fdipulse.config.Topics;

/** The applications the job is measured against: the least an exactly-once Kafka Streams job can do with its inputs. */
final class Peers {

    private Peers() {
    }

    /** Copies both inputs to one topic, decoding nothing: the floor. */
    static Topology passthrough(Topics topics, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        inputs(builder, topics).to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }

    /** {@code groupByKey().count()} over both inputs, in a persistent store, its changes to a topic: the textbook peer. */
    static Topology count(Topics topics, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        inputs(builder, topics)
                .groupByKey(Grouped.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .count(Materialized.<byte[], Long, KeyValueStore<Bytes, byte[]>>as("bench-count-store")
                        .withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.Long()))
                .toStream()
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.Long()));
        return builder.build();
    }

    private static KStream<byte[], byte[]> inputs(StreamsBuilder builder, Topics topics) {
        Consumed<byte[], byte[]> bytes = Consumed.with(Serdes.ByteArray(), Serdes.ByteArray());
        return builder.stream(topics.investments(), bytes).merge(builder.stream(topics.measureUpdates(), bytes));
    }
}
