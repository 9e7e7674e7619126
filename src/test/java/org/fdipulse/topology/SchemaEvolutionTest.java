package org.fdipulse.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.serde.AvroSerdes;
import org.fdipulse.serde.SchemaHistory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Schema evolution: the v3 job reads what v1 and v2 producers wrote")
class SchemaEvolutionTest {

    /** Bytes exactly as a producer built against InvestmentEvent v1 writes them. */
    private static byte[] v1Bytes(String eventId, String amount) throws IOException {
        return bytesOf(1, eventId, amount);
    }

    /** Bytes exactly as a producer built against InvestmentEvent v{@code version} writes them (no sourceEconomy). */
    private static byte[] bytesOf(int version, String eventId, String amount) throws IOException {
        List<Schema> history = SchemaHistory.olderVersions("InvestmentEvent");
        Schema v1 = history.get(version - 1);
        assertEquals(SchemaNormalization.parsingFingerprint64(InvestmentEvent.getClassSchema()),
                SchemaNormalization.parsingFingerprint64(history.get(history.size() - 1)),
                "the newest shipped version is the current one");
        assertNull(v1.getField("sourceEconomy"), "v1 and v2 predate sourceEconomy");

        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        GenericRecord record = new GenericData.Record(v1);
        record.put("eventId", eventId);
        record.put("revision", 0);
        record.put("city", "shenzhen");
        record.put("sector", "I");
        record.put("amount", new BigDecimal(amount));
        record.put("currency", "USD");
        record.put("occurredAt", Instant.parse("2025-07-01T00:00:00Z"));
        record.put("withdrawn", false);
        record.put("green", true);
        if (version >= 2) {
            record.put("investorType", null);
        }
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(model, v1).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @Test
    @DisplayName("v1 bytes decode into the current class, investorType taking its default")
    void serdeResolvesV1() throws IOException {
        InvestmentEvent event = AvroSerdes.investmentEvent().decode(v1Bytes("v1-event", "12.34"));
        assertEquals("v1-event", event.getEventId());
        assertEquals(new BigDecimal("12.34"), event.getAmount());
        assertNull(event.getInvestorType());
        assertTrue(event.getGreen());
    }

    @Test
    @DisplayName("v2 bytes decode into the current class, sourceEconomy null: counted as UNSPECIFIED (R11)")
    void serdeResolvesV2() throws IOException {
        assertNull(SchemaHistory.olderVersions("InvestmentEvent").get(0).getField("investorType"), "v1 predates investorType");
        InvestmentEvent event = AvroSerdes.investmentEvent().decode(bytesOf(2, "v2-event", "1.50"));
        assertEquals(new BigDecimal("1.50"), event.getAmount());
        assertNull(event.getSourceEconomy());
    }

    @Test
    @DisplayName("v1 and v2 records are counted by the job beside a v3 record")
    void jobCountsV1V2AndV3() throws IOException {
        try (PulseDriver driver = new PulseDriver()) {
            driver.sendRawInvestment("v1-event", bytesOf(1, "v1-event", "12.34"));
            driver.sendRawInvestment("v2-event", bytesOf(2, "v2-event", "1.00"));
            driver.send(InvestmentEvent.newBuilder(Inputs.usd("v3-event", "shenzhen", "I", "0.66", "2025-07-02T00:00:00Z"))
                    .setSourceEconomy("SG").build());

            assertTrue(driver.deadLetters().isEmpty());
            var cell = driver.sectorSummaries().get("shenzhen|I|2025-Q3");
            assertEquals("14.00", cell.getAmount().toPlainString());
            assertEquals(3, cell.getInvestments());
            // R11: what v1 and v2 producers sent has no source economy, and counts as unspecified
            var mix = driver.sourceMix().get("shenzhen|2025-Q3");
            assertEquals(List.of("14.00", "13.34", "0.66", "0.66"), List.of(mix.getTotal().toPlainString(),
                    mix.getUnspecified().toPlainString(), mix.getByEconomy().get("SG").getAmount().toPlainString(),
                    mix.getByGroup().get("ASEAN").getAmount().toPlainString()));
        }
    }

    @Test
    @DisplayName("a v1 record is counted by the job beside a v2 record")
    void jobCountsV1AndV2() throws IOException {
        try (PulseDriver driver = new PulseDriver()) {
            driver.sendRawInvestment("v1-event", v1Bytes("v1-event", "12.34"));
            driver.send(Inputs.usd("v2-event", "shenzhen", "I", "0.66", "2025-07-02T00:00:00Z"));

            assertTrue(driver.deadLetters().isEmpty());
            var cell = driver.sectorSummaries().get("shenzhen|I|2025-Q3");
            assertEquals("13.00", cell.getAmount().toPlainString());
            assertEquals(2, cell.getInvestments());
        }
    }
}
