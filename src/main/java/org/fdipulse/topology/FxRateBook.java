package org.fdipulse.topology;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.fdipulse.avro.FxRate;
import org.fdipulse.keys.RateKey;
import org.fdipulse.rules.InputValidation;
import org.fdipulse.reference.Normalized;
import org.fdipulse.rules.RateBook;
import org.fdipulse.serde.AvroSerdes;
import org.fdipulse.serde.InputDecoder;
import org.fdipulse.serde.InputFormats;

/**
 * The rates the job has seen, in a global store built straight from the rates topic: every task reads it (an event
 * may need the rate of the reporting currency, which lives on another partition), and Kafka Streams brings it up to
 * the end of the topic before any investment is processed, so a backlog of rates is seen before a backlog of events.
 *
 * <p>Keys are {@code CUR|<validFrom>}, written so that byte order is time order: the rate in force at an instant is
 * the last key at or before it, with no history-retention limit. A later record for the same currency and validFrom
 * overwrites the earlier one. Invalid rates are left out here; {@link RateRejectionsTopology} dead-letters them.
 */
final class FxRateBook implements RateBook {

    static final String STORE = "fx-rate-book";

    private final ReadOnlyKeyValueStore<String, String> store;

    FxRateBook(ReadOnlyKeyValueStore<String, String> store) {
        this.store = store;
    }

    @Override
    public Optional<BigDecimal> unitsPerUsd(String currency, Instant at) {
        String from = new RateKey(currency, sortable(Long.MIN_VALUE)).encode();
        try (KeyValueIterator<String, String> rates = store.reverseRange(from, key(currency, at))) {
            return rates.hasNext() ? Optional.of(new BigDecimal(rates.next().value)) : Optional.empty();
        }
    }

    static String key(String currency, Instant validFrom) {
        return new RateKey(currency, sortable(validFrom.toEpochMilli())).encode();
    }

    /** Flipping the sign bit makes unsigned order equal signed order; 20 digits hold any unsigned long. */
    private static String sortable(long millis) {
        String digits = Long.toUnsignedString(millis ^ Long.MIN_VALUE);
        return "0".repeat(20 - digits.length()) + digits;
    }

    /**
     * Puts each valid rate into the store. Runs on the global thread, on arrival and again when the store is
     * restored, so it must never throw: bytes that do not decode and invalid rates are skipped.
     */
    static final class Updater implements Processor<byte[], byte[], Void, Void> {
        private final InputDecoder<FxRate> decoder;
        private final InputValidation validation;
        private KeyValueStore<String, String> store;

        Updater(InputValidation validation, InputFormats formats) {
            this.validation = validation;
            this.decoder = new InputDecoder<>(AvroSerdes.fxRate(), FxRate::new, formats);
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            if (record.value() == null) {
                return;
            }
            FxRate rate;
            try {
                rate = decoder.decode(record.value());
            } catch (SerializationException e) {
                return;
            }
            if (validation.check(rate).isEmpty()) {
                store.put(key(Normalized.currency(rate.getCurrency()), rate.getValidFrom()),
                        rate.getUnitsPerUsd().toPlainString());
            }
        }
    }
}
