package org.fdipulse.topology;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.fdipulse.rules.RateBook;

/**
 * The rates the job has seen, in a global store every task reads (an event of any currency may need the rate of
 * the reporting currency too). Keys are {@code CUR|<validFrom>} with validFrom written so that byte order is time
 * order; the rate in force at an instant is then the last key at or before it. Because the key holds validFrom,
 * a later record for the same currency and validFrom replaces the earlier one, in the store and under compaction.
 */
public final class FxRateBook implements RateBook {

    public static final String STORE = "fx-rate-book";

    private final ReadOnlyKeyValueStore<String, String> store;

    public FxRateBook(ReadOnlyKeyValueStore<String, String> store) {
        this.store = store;
    }

    /** The store key of a currency's rate valid from an instant. */
    public static String key(String currency, Instant validFrom) {
        return currency + "|" + sortable(validFrom.toEpochMilli());
    }

    @Override
    public Optional<BigDecimal> unitsPerUsd(String currency, Instant at) {
        String from = currency + "|" + sortable(Long.MIN_VALUE);
        try (KeyValueIterator<String, String> rates = store.reverseRange(from, key(currency, at))) {
            return rates.hasNext() ? Optional.of(new BigDecimal(rates.next().value)) : Optional.empty();
        }
    }

    /** Flipping the sign bit makes unsigned order equal signed order; 20 digits hold any unsigned long. */
    private static String sortable(long millis) {
        String digits = Long.toUnsignedString(millis ^ Long.MIN_VALUE);
        return "0".repeat(20 - digits.length()) + digits;
    }

    /** Copies accepted rates into the global store as they arrive; keys and values are already in store form. */
    static final class Updater implements Processor<String, String, Void, Void> {
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            store.put(record.key(), record.value());
        }
    }

    static KeyValue<String, String> entry(String currency, Instant validFrom, BigDecimal unitsPerUsd) {
        return KeyValue.pair(key(currency, validFrom), unitsPerUsd.toPlainString());
    }
}
