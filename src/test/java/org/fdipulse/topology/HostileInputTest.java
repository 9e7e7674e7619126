package org.fdipulse.topology;

import static org.fdipulse.topology.Inputs.investment;
import static org.fdipulse.topology.Inputs.measure;
import static org.fdipulse.topology.Inputs.usd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.config.Topics;
import org.fdipulse.serde.AvroSerdes;
import org.fdipulse.testing.HostileEncoding;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Hostile input (contract v2): ids too long, numbers too large, dead letters too large for the topic")
class HostileInputTest {

    private static List<String> reasons(PulseDriver driver) {
        return driver.deadLetters().stream().map(PulseDriver.DeadLetter::reason).toList();
    }

    private static List<String> reasonsFrom(String topic, PulseDriver driver) {
        return driver.deadLetters().stream().filter(d -> topic.equals(d.headers().get("__streams.errors.topic")))
                .map(PulseDriver.DeadLetter::reason).toList();
    }

    @Test
    @DisplayName("an eventId, updateId or measureId over 128 code points is FIELD_TOO_LONG, checked right after MISSING_FIELD")
    void idsTooLong() {
        try (PulseDriver driver = new PulseDriver()) {
            String emoji = "\uD83D\uDE00"; // one code point, two UTF-16 chars
            driver.send(usd("e".repeat(129), "beijing", "F", "1.00", "2025-01-01T00:00:00Z"));
            driver.send(usd(emoji.repeat(129), "beijing", "F", "1.00", "2025-01-01T00:00:00Z"));
            driver.send(usd("x".repeat(129), "atlantis", "F", "1.00", "2025-01-01T00:00:00Z"));
            driver.send(usd("x".repeat(129), " ", "F", "1.00", "2025-01-01T00:00:00Z"));
            MeasureUpdate hugeMeasureId = measure("u1", "M-" + "x".repeat(400_000), "beijing", "FINANCE", "PLANNED",
                    "2025-01-01T00:00:00Z");
            driver.send(hugeMeasureId);
            driver.send(measure("u".repeat(129), "M-001", "beijing", "FINANCE", "PLANNED", "2025-01-01T00:00:00Z"));
            driver.send(usd(emoji.repeat(128), "beijing", "F", "5.00", "2025-01-01T00:00:00Z"));   // 128 code points: valid
            driver.send(measure("u2", "M-" + "y".repeat(126), "beijing", "FINANCE", "IMPLEMENTED", "2025-01-01T00:00:00Z"));

            assertEquals(List.of("FIELD_TOO_LONG", "FIELD_TOO_LONG", "FIELD_TOO_LONG", "MISSING_FIELD", "FIELD_TOO_LONG",
                    "FIELD_TOO_LONG"), reasons(driver));
            assertArrayEquals(AvroSerdes.measureUpdate().encode(hugeMeasureId), driver.deadLetters().get(4).value(),
                    "a 400 KB dead letter fits the budget and keeps the input's bytes");
            assertEquals("5.00", driver.sectorSummaries().get("beijing|F|2025-Q1").getAmount().toPlainString());
            assertEquals(1, driver.sectorSummaries().get("beijing|F|2025-Q1").getInvestments());
            assertEquals(1, driver.progress().get("beijing|ALL").getImplemented());
            assertEquals(1, driver.progress().get("beijing|ALL").getTotal());
        }
    }

    @Test
    @DisplayName("an amount or rate of more than 38 digits is INVALID_AMOUNT / INVALID_RATE, a withdrawal's too; R6 order puts the amount before the currency")
    void numbersTooLarge() {
        try (PulseDriver driver = new PulseDriver()) {
            // 10^36.00: the unscaled value 10^38 has 39 digits
            InvestmentEvent tooManyDigits = investment("w-39", 0, "beijing", "F", "1" + "0".repeat(36) + ".00", "USD",
                    "2025-01-01T00:00:00Z");
            tooManyDigits.setWithdrawn(true);
            driver.sendRawInvestment("w-39", HostileEncoding.encodeUnchecked(tooManyDigits));
            InvestmentEvent thirtyEight = investment("w-38", 0, "beijing", "F", "9".repeat(36) + ".99", "USD",
                    "2025-01-01T00:00:00Z");
            thirtyEight.setWithdrawn(true);
            driver.send(thirtyEight);                                                            // accepted: counts nowhere
            driver.sendRawRate("EUR", HostileEncoding.encodeUnchecked(
                    new FxRate("EUR", new BigDecimal("9".repeat(5000) + ".000000"), Instant.parse("2024-01-01T00:00:00Z"))));
            driver.send(investment("needs-eur", 0, "beijing", "F", "3.00", "EUR", "2025-01-01T00:00:00Z"));
            driver.send(investment("zero-and-bad-currency", 0, "beijing", "F", "0.00", "US", "2025-01-01T00:00:00Z"));
            driver.send(usd("valid", "beijing", "F", "2.00", "2025-01-01T00:00:00Z"));

            assertEquals(List.of("INVALID_RATE"), reasonsFrom(Topics.FX_RATES, driver));
            assertEquals(List.of("INVALID_AMOUNT", "NO_FX_RATE", "INVALID_AMOUNT"), reasonsFrom(Topics.INVESTMENTS, driver),
                    "the 5,000-digit rate never reaches the rate book: the EUR investment has no rate");
            assertEquals("2.00", driver.sectorSummaries().get("beijing|F|2025-Q1").getAmount().toPlainString());
        }
    }

    @Test
    @DisplayName("a dead letter larger than the dead-letter topic accepts is a reference: key cut to 1 KiB, empty value, where the input is")
    void referenceDeadLetter() {
        try (PulseDriver driver = new PulseDriver("USD", Map.of(), 65536)) {
            byte[] large = new byte[100_000];
            new Random(7).nextBytes(large);
            RecordHeaders headers = new RecordHeaders();
            headers.add("traceparent", "00-abc-01".getBytes(StandardCharsets.UTF_8));
            driver.sendRawInvestment("k".repeat(5000), large, headers);                                 // offset 0
            driver.sendRawInvestment("small", "not avro".getBytes(StandardCharsets.UTF_8));             // offset 1
            driver.send(usd("valid", "beijing", "F", "2.00", "2025-01-01T00:00:00Z"));                  // offset 2

            List<PulseDriver.DeadLetter> dead = driver.deadLetters();
            assertEquals(2, dead.size());
            PulseDriver.DeadLetter reference = dead.get(0);
            assertEquals("k".repeat(1024), reference.key());
            assertEquals(0, reference.value().length);
            Map<String, String> h = reference.headers();
            assertEquals("MALFORMED", h.get("error.reason"));
            assertEquals("true", h.get("error.truncated"));
            assertEquals(Topics.INVESTMENTS, h.get("__streams.errors.topic"));
            assertEquals("0", h.get("__streams.errors.partition"));
            assertEquals("0", h.get("__streams.errors.offset"));
            assertFalse(h.containsKey("traceparent"), "a reference carries no input headers");
            assertFalse(h.containsKey("__streams.errors.stacktrace"));

            PulseDriver.DeadLetter whole = dead.get(1);
            assertArrayEquals("not avro".getBytes(StandardCharsets.UTF_8), whole.value());
            assertFalse(whole.headers().containsKey("error.truncated"));
            assertEquals("2.00", driver.sectorSummaries().get("beijing|F|2025-Q1").getAmount().toPlainString());
        }
    }

    @Test
    @DisplayName("the job's producer limit bounds a dead letter too, when it is the smaller")
    void producerLimit() {
        try (PulseDriver driver = new PulseDriver("USD", Map.of("producer.max.request.size", "50000"))) {
            driver.sendRawInvestment("big", new byte[60_000]);
            driver.sendRawInvestment("fits", new byte[40_000]);

            assertEquals(0, driver.deadLetters().get(0).value().length);
            assertEquals("true", driver.deadLetters().get(0).headers().get("error.truncated"));
            assertEquals(40_000, driver.deadLetters().get(1).value().length);
        }
    }

    @Test
    @DisplayName("the size a dead letter is judged by is never below Kafka's own estimate of the record")
    void sizeEstimateBoundsKafkas() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("error.reason", "MALFORMED".getBytes(StandardCharsets.UTF_8));
        headers.add("__streams.errors.message", "x".repeat(1000).getBytes(StandardCharsets.UTF_8));
        for (int size : new int[] {0, 1, 1000, 1 << 20}) {
            byte[] key = new byte[size / 10];
            byte[] value = new byte[size];
            long kafka = AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE,
                    Compression.NONE.type(), key, value, headers.toArray());
            long ours = DeadLetters.sizeOf(key, value, headers);
            assertTrue(ours >= kafka, size + " bytes: ours " + ours + " < Kafka's " + kafka);
        }
    }
}
