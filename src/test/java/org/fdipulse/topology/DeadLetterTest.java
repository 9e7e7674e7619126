package org.fdipulse.topology;

import static org.fdipulse.topology.Inputs.investment;
import static org.fdipulse.topology.Inputs.measure;
import static org.fdipulse.topology.Inputs.usd;
import static org.fdipulse.topology.Inputs.withdrawal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.config.Topics;
import org.fdipulse.rules.RejectionReason;
import org.fdipulse.serde.AvroSerdes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("R6 rejected input goes to the dead-letter topic, and the valid input beside it still counts")
class DeadLetterTest {

    private static final byte[] GARBAGE = "{\"eventId\": \"not avro\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("each investment rejection code, with the input's key, bytes and the KIP-1034 headers")
    void investmentRejections() {
        try (PulseDriver driver = new PulseDriver()) {
            List<InvestmentEvent> bad = List.of(
                    usd("  ", "beijing", "F", "1.00", "2025-01-01T00:00:00Z"),
                    usd("e-city", "paris", "F", "1.00", "2025-01-01T00:00:00Z"),
                    usd("e-sector", "beijing", "U", "1.00", "2025-01-01T00:00:00Z"),
                    investment("e-currency", 0, "beijing", "F", "1.00", "US", "2025-01-01T00:00:00Z"),
                    usd("e-zero", "beijing", "F", "0.00", "2025-01-01T00:00:00Z"),
                    usd("e-negative", "beijing", "F", "-3.00", "2025-01-01T00:00:00Z"),
                    investment("e-no-rate", 0, "beijing", "F", "1.00", "EUR", "2025-01-01T00:00:00Z"));
            List<String> codes = List.of("MISSING_FIELD", "UNKNOWN_CITY", "UNKNOWN_SECTOR", "INVALID_CURRENCY",
                    "INVALID_AMOUNT", "INVALID_AMOUNT", "NO_FX_RATE");

            driver.send(usd("valid-1", "beijing", "F", "5.00", "2025-01-01T00:00:00Z"));        // offset 0
            for (InvestmentEvent event : bad) {                                                 // offsets 1-7
                driver.send(event);
            }
            driver.sendRawInvestment("e-garbage", GARBAGE);                                     // offset 8
            driver.send(usd("valid-2", "beijing", "F", "7.00", "2025-01-01T00:00:00Z"));        // offset 9

            List<PulseDriver.DeadLetter> dead = driver.deadLetters();
            assertEquals(8, dead.size());
            for (int i = 0; i < bad.size(); i++) {
                PulseDriver.DeadLetter letter = dead.get(i);
                assertEquals(codes.get(i), letter.reason(), "reason of " + bad.get(i).getEventId());
                assertEquals(bad.get(i).getEventId(), letter.key());
                assertArrayEquals(AvroSerdes.investmentEvent().encode(bad.get(i)), letter.value(), "the input's own bytes");
                assertHeaders(letter, Topics.INVESTMENTS, i + 1, InputRejectedException.class.getName());
            }
            PulseDriver.DeadLetter garbage = dead.get(7);
            assertEquals("MALFORMED", garbage.reason());
            assertEquals("e-garbage", garbage.key());
            assertArrayEquals(GARBAGE, garbage.value());
            assertHeaders(garbage, Topics.INVESTMENTS, 8, "org.apache.kafka.common.errors.SerializationException");
            assertTrue(garbage.headers().containsKey("__streams.errors.stacktrace"));

            var cell = driver.sectorSummaries().get("beijing|F|2025-Q1");
            assertEquals("12.00", cell.getAmount().toPlainString());
            assertEquals(2, cell.getInvestments());
            assertEquals(2, driver.counters.rejectedCount(RejectionReason.INVALID_AMOUNT));
            assertEquals(1, driver.counters.rejectedCount(RejectionReason.MALFORMED));
        }
    }

    @Test
    @DisplayName("a withdrawal may carry amount 0 and is not INVALID_AMOUNT")
    void withdrawalWithZeroAmount() {
        try (PulseDriver driver = new PulseDriver()) {
            InvestmentEvent event = usd("e1", "chongqing", "G", "9.00", "2025-01-01T00:00:00Z");
            driver.send(event);
            InvestmentEvent withdrawn = withdrawal(event, 1);
            withdrawn.setAmount(new BigDecimal("0.00"));
            driver.send(withdrawn);

            assertTrue(driver.deadLetters().isEmpty());
            assertEquals(0, driver.sectorSummaries().get("chongqing|G|2025-Q1").getInvestments());
        }
    }

    @Test
    @DisplayName("each measure-update rejection code; 'other' is not a pilot city; focusArea and status are exact")
    void measureRejections() {
        try (PulseDriver driver = new PulseDriver()) {
            List<MeasureUpdate> bad = List.of(
                    measure("u1", "M-001", "beijing", "FINANCE", " ", "2025-01-01T00:00:00Z"),
                    measure("u2", "M-001", "other", "FINANCE", "PLANNED", "2025-01-01T00:00:00Z"),
                    measure("u3", "M-001", "beijing", "finance", "PLANNED", "2025-01-01T00:00:00Z"),
                    measure("u4", "M-001", "beijing", "FINANCE", "DONE", "2025-01-01T00:00:00Z"));
            bad.forEach(driver::send);
            driver.sendRawMeasure("beijing|M-009", GARBAGE);
            driver.send(measure("u5", "M-001", "beijing", "FINANCE", "PLANNED", "2025-01-01T00:00:00Z"));

            assertEquals(List.of("MISSING_FIELD", "UNKNOWN_CITY", "UNKNOWN_FOCUS_AREA", "INVALID_STATUS", "MALFORMED"),
                    driver.deadLetters().stream().map(PulseDriver.DeadLetter::reason).toList());
            assertEquals("beijing|M-001", driver.deadLetters().get(0).key());
            assertHeaders(driver.deadLetters().get(3), Topics.MEASURE_UPDATES, 3, InputRejectedException.class.getName());
            assertEquals(1, driver.progress().get("ALL|ALL").getTotal());
        }
    }

    @Test
    @DisplayName("each rate rejection code; a rejected rate never enters the rate book")
    void rateRejections() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(new FxRate("EUR", new BigDecimal("0.000000"), Instant.parse("2025-01-01T00:00:00Z")));
            driver.send(new FxRate("EURO", new BigDecimal("0.900000"), Instant.parse("2025-01-01T00:00:00Z")));
            driver.send(new FxRate("", new BigDecimal("0.900000"), Instant.parse("2025-01-01T00:00:00Z")));
            driver.send(new FxRate("USD", new BigDecimal("2.000000"), Instant.parse("2025-01-01T00:00:00Z")));
            driver.sendRawRate("EUR", GARBAGE);
            driver.send(investment("needs-eur", 0, "beijing", "F", "9.00", "EUR", "2025-02-01T00:00:00Z"));
            driver.rate("eur ", "0.900000", "2025-01-01T00:00:00Z");
            driver.send(investment("has-eur", 0, "beijing", "F", "9.00", "EUR", "2025-02-01T00:00:00Z"));

            var dead = driver.deadLetters();
            assertEquals(List.of("INVALID_RATE", "INVALID_CURRENCY", "MISSING_FIELD", "INVALID_RATE", "MALFORMED"),
                    reasonsFrom(Topics.FX_RATES, dead));
            assertEquals(List.of("NO_FX_RATE"), reasonsFrom(Topics.INVESTMENTS, dead));
            PulseDriver.DeadLetter euro = dead.stream().filter(d -> "EURO".equals(d.key())).findFirst().orElseThrow();
            assertHeaders(euro, Topics.FX_RATES, 1, InputRejectedException.class.getName());
            assertEquals("10.00", driver.sectorSummaries().get("beijing|F|2025-Q1").getAmount().toPlainString(),
                    "the valid rate beside the rejected ones: 9.00 / 0.9");
        }
    }

    @Test
    @DisplayName("a record declaring a 2 GB string is MALFORMED, costs no memory, and the next record counts")
    void hugeDeclaredLength() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xC3, 0x01});
        long fingerprint = SchemaNormalization.parsingFingerprint64(InvestmentEvent.getClassSchema());
        for (int i = 0; i < 8; i++) {
            bytes.write((byte) (fingerprint >>> (8 * i)));
        }
        BinaryEncoder body = EncoderFactory.get().binaryEncoder(bytes, null);
        body.writeLong(2_000_000_000L); // the length of eventId, and nothing after it
        body.flush();

        try (PulseDriver driver = new PulseDriver()) {
            driver.sendRawInvestment("e-huge", bytes.toByteArray());
            driver.send(usd("valid", "beijing", "F", "5.00", "2025-01-01T00:00:00Z"));

            assertEquals(List.of("MALFORMED"), driver.deadLetters().stream().map(PulseDriver.DeadLetter::reason).toList());
            assertEquals(1, driver.sectorSummaries().get("beijing|F|2025-Q1").getInvestments());
        }
    }

    @Test
    @DisplayName("(v3) a sourceEconomy not of the economies file is UNKNOWN_ECONOMY, right after the sector, withdrawals "
            + "included; a blank one, or none, still counts")
    void unknownEconomy() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(economy(usd("e-unknown", "beijing", "F", "1.00", "2025-01-01T00:00:00Z"), "XX"));
            driver.send(economy(usd("e-sector-first", "beijing", "U", "1.00", "2025-01-01T00:00:00Z"), "XX"));
            driver.send(economy(usd("e-city-first", "paris", "F", "1.00", "2025-01-01T00:00:00Z"), "XX"));
            driver.send(economy(usd("e-before-amount", "beijing", "F", "0.00", "2025-01-01T00:00:00Z"), "XX"));
            driver.send(economy(withdrawal(usd("e-withdrawn", "beijing", "F", "0.00", "2025-01-01T00:00:00Z"), 1), "EU"));
            driver.send(economy(usd("e-known", "beijing", "F", "2.00", "2025-01-01T00:00:00Z"), " hk "));
            driver.send(economy(usd("e-blank", "beijing", "F", "3.00", "2025-01-01T00:00:00Z"), "  "));
            driver.send(usd("e-none", "beijing", "F", "4.00", "2025-01-01T00:00:00Z"));

            assertEquals(List.of("UNKNOWN_ECONOMY", "UNKNOWN_SECTOR", "UNKNOWN_CITY", "UNKNOWN_ECONOMY", "UNKNOWN_ECONOMY"),
                    driver.deadLetters().stream().map(PulseDriver.DeadLetter::reason).toList());
            assertEquals(3, driver.sectorSummaries().get("beijing|F|2025-Q1").getInvestments(), "HK, blank and none count");
            assertEquals(new java.math.BigDecimal("9.00"), driver.sectorSummaries().get("beijing|F|2025-Q1").getAmount());
        }
    }

    private static InvestmentEvent economy(InvestmentEvent e, String sourceEconomy) {
        return InvestmentEvent.newBuilder(e).setSourceEconomy(sourceEconomy).build();
    }

    @Test
    @DisplayName("codes are ASCII: 'ı' is not sector I and 'ßd' is not a currency")
    void nonAsciiCodes() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(usd("dotless-i", "beijing", "ı", "5.00", "2025-01-01T00:00:00Z"));
            driver.send(investment("sharp-s", 0, "beijing", "I", "5.00", "ßd", "2025-01-01T00:00:00Z"));
            driver.send(usd("dotted-capital-i", "shanghaİ", "I", "5.00", "2025-01-01T00:00:00Z"));

            assertEquals(List.of("UNKNOWN_SECTOR", "INVALID_CURRENCY", "UNKNOWN_CITY"),
                    driver.deadLetters().stream().map(PulseDriver.DeadLetter::reason).toList());
            assertTrue(driver.sectorSummaries().isEmpty());
        }
    }

    @Test
    @DisplayName("a dead letter keeps the input's own headers beside its own")
    void inputHeadersKept() {
        try (PulseDriver driver = new PulseDriver()) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("traceparent", "00-abc-01".getBytes(StandardCharsets.UTF_8));
            driver.sendRawInvestment("e-garbage", GARBAGE, headers);

            Map<String, String> dead = driver.deadLetters().get(0).headers();
            assertEquals("00-abc-01", dead.get("traceparent"));
            assertEquals("MALFORMED", dead.get("error.reason"));
        }
    }

    @Test
    @DisplayName("a record with no key and a tombstone are dead-lettered too")
    void noKeyAndTombstone() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.sendRawInvestment(null, GARBAGE);
            driver.sendRawInvestment("e-tombstone", null);

            List<PulseDriver.DeadLetter> dead = driver.deadLetters();
            assertEquals(2, dead.size());
            assertNull(dead.get(0).key());
            assertEquals("MALFORMED", dead.get(0).reason());
            assertEquals("e-tombstone", dead.get(1).key());
            assertNull(dead.get(1).value());
            assertEquals("MALFORMED", dead.get(1).reason());
        }
    }

    private static List<String> reasonsFrom(String topic, List<PulseDriver.DeadLetter> dead) {
        return dead.stream().filter(d -> topic.equals(d.headers().get("__streams.errors.topic")))
                .map(PulseDriver.DeadLetter::reason).toList();
    }

    @Test
    @DisplayName("amounts of 10^18 or more, before or after conversion, are INVALID_AMOUNT and do not stop the job")
    void amountLimit() {
        try (PulseDriver driver = new PulseDriver("CNY")) {
            driver.rate("CNY", "7.300000", "2025-01-01T00:00:00Z");
            driver.send(investment("huge", 0, "beijing", "F", "1000000000000000000.00", "CNY", "2025-02-01T00:00:00Z"));
            driver.send(investment("huge-once-converted", 0, "beijing", "F", "999999999999999999.99", "USD", "2025-02-01T00:00:00Z"));
            driver.send(investment("large", 0, "beijing", "F", "999999999999999999.99", "CNY", "2025-02-01T00:00:00Z"));

            assertEquals(List.of("INVALID_AMOUNT", "INVALID_AMOUNT"), reasonsFrom(Topics.INVESTMENTS, driver.deadLetters()));
            assertEquals("999999999999999999.99", driver.sectorSummaries().get("beijing|F|2025-Q1").getAmount().toPlainString());
        }
    }

    private static void assertHeaders(PulseDriver.DeadLetter letter, String topic, long offset, String exception) {
        Map<String, String> h = letter.headers();
        assertEquals(topic, h.get("__streams.errors.topic"));
        assertEquals("0", h.get("__streams.errors.partition"));
        assertEquals(String.valueOf(offset), h.get("__streams.errors.offset"));
        assertEquals(exception, h.get("__streams.errors.exception"));
        assertFalse(h.get("__streams.errors.message").isBlank());
    }
}
