package org.fdipulse.config;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The timestamp Kafka Streams gives each record it reads, for every source of the job (the global rate book too).
 * The rules never read it — they use {@code occurredAt} in the value — so it only orders the job's own internal
 * records, and no value of it may stop the job or drop a record (the default extractor fails the job on a negative
 * timestamp, which some clients can produce, e.g. {@code -1}, "no timestamp").
 *
 * <ul>
 *   <li>a record's own timestamp when it is valid;</li>
 *   <li>a negative one becomes the partition's stream time, or the wall clock before any record;</li>
 *   <li>one more than an hour ahead of the wall clock becomes the wall clock: the job writes its internal records
 *       and dead letters with this timestamp, and brokers refuse records that far ahead
 *       ({@code message.timestamp.after.max.ms}, one hour by default) — a refusal that would stop the job.</li>
 * </ul>
 */
public final class LenientTimestampExtractor implements TimestampExtractor {

    static final long MAX_AHEAD_MS = 60 * 60 * 1000;

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        return lenient(record.timestamp(), partitionTime, System.currentTimeMillis());
    }

    static long lenient(long timestamp, long partitionTime, long now) {
        if (timestamp < 0) {
            return partitionTime >= 0 ? partitionTime : now;
        }
        return timestamp > now + MAX_AHEAD_MS ? now : timestamp;
    }
}
