package org.fdipulse.serde.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.serde.AvroSerdes;
import org.fdipulse.serde.ConfluentAvro;
import org.fdipulse.serde.InputDecoder;
import org.fdipulse.serde.InputFormats;
import org.fdipulse.serde.SchemaHistory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("registry-framed Avro (contract section 11): 00, the id big-endian, the body; read by the writer's schema")
class ConfluentAvroTest {

    private static final Schema V1 = SchemaHistory.olderVersions("InvestmentEvent").get(0);

    private static String schemaBody(Schema schema) {
        return new ObjectMapper().createObjectNode().put("schema", schema.toString()).toString();
    }

    private static SchemaRegistryClient client(StubRegistry stub) {
        Properties props = new Properties();
        props.setProperty(RegistrySettings.URL, stub.url());
        return new SchemaRegistryClient(RegistrySettings.from(props).orElseThrow());
    }

    /** A record written with {@code schema} by a generic writer, as a non-Java producer would, framed with {@code id}. */
    private static byte[] framed(int id, Schema schema, GenericRecord record) throws Exception {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(schema, model).write(record, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }

    private static GenericRecord v1Event() {
        GenericRecord record = new GenericData.Record(V1);
        record.put("eventId", "v1-framed");
        record.put("revision", 2);
        record.put("city", "xian");
        record.put("sector", "K");
        record.put("amount", new BigDecimal("1234.50"));
        record.put("currency", "EUR");
        record.put("occurredAt", Instant.parse("2025-07-01T00:00:00Z"));
        record.put("withdrawn", false);
        record.put("green", true);
        return record;
    }

    @Test
    @DisplayName("a v1 record framed with its id reads as the current class (fields it lacks take their defaults)")
    void olderWriterResolves() throws Exception {
        try (StubRegistry stub = new StubRegistry().answer("GET /schemas/ids/21", 200, schemaBody(V1))) {
            InvestmentEvent e = ConfluentAvro.decode(framed(21, V1, v1Event()), InvestmentEvent.getClassSchema(), client(stub));
            assertEquals("v1-framed", e.getEventId());
            assertEquals(2, e.getRevision());
            assertEquals(new BigDecimal("1234.50"), e.getAmount());
            assertEquals(Instant.parse("2025-07-01T00:00:00Z"), e.getOccurredAt());
            assertNull(e.getInvestorType());
            assertNull(e.getSourceEconomy());
        }
    }

    @Test
    @DisplayName("frame writes 00, the id big-endian and the body, and reads back equal")
    void frameRoundTrip() throws Exception {
        InvestmentEvent event = InvestmentEvent.newBuilder().setEventId("e1").setCity("wuhan").setSector("F")
                .setAmount(new BigDecimal("5.00")).setCurrency("USD").setOccurredAt(Instant.parse("2025-02-01T00:00:00Z"))
                .setSourceEconomy("SG").build();
        byte[] bytes = ConfluentAvro.frame(258, event);
        assertArrayEquals(new byte[] {0, 0, 0, 1, 2}, java.util.Arrays.copyOf(bytes, 5));
        assertEquals(258, ConfluentAvro.schemaId(bytes));
        try (StubRegistry stub = new StubRegistry().answer("GET /schemas/ids/258", 200, schemaBody(InvestmentEvent.getClassSchema()))) {
            assertEquals(event.toString(), ConfluentAvro.decode(bytes, InvestmentEvent.getClassSchema(), client(stub)).toString());
        }
    }

    @Test
    @DisplayName("MALFORMED, naming the id: an id the registry does not hold, a writer schema that does not resolve, "
            + "bytes left over; a format the deployment does not list")
    void malformed() throws Exception {
        Schema noEventId = SchemaBuilder.record("InvestmentEvent").namespace("org.fdipulse.avro").fields()
                .requiredString("city").endRecord();
        GenericRecord onlyCity = new GenericData.Record(noEventId);
        onlyCity.put("city", "xian");
        try (StubRegistry stub = new StubRegistry()
                .answer("GET /schemas/ids/9", 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}")
                .answer("GET /schemas/ids/10", 200, schemaBody(noEventId))
                .answer("GET /schemas/ids/21", 200, schemaBody(V1))) {
            SchemaRegistryClient registry = client(stub);
            InputDecoder<InvestmentEvent> decoder = new InputDecoder<>(AvroSerdes.investmentEvent(), InvestmentEvent::new,
                    InputFormats.parse("avro,confluent-avro", Optional.of(registry)));
            SerializationException unknown = assertThrows(SerializationException.class,
                    () -> decoder.decode(framed(9, V1, v1Event())));
            assertTrue(unknown.getMessage().contains("schema id 9"), unknown.getMessage());
            SerializationException unresolved = assertThrows(SerializationException.class,
                    () -> decoder.decode(framed(10, noEventId, onlyCity)));
            assertTrue(unresolved.getMessage().contains("schema id 10"), unresolved.getMessage());
            byte[] longer = java.util.Arrays.copyOf(framed(21, V1, v1Event()), framed(21, V1, v1Event()).length + 3);
            SerializationException trailing = assertThrows(SerializationException.class, () -> decoder.decode(longer));
            assertTrue(trailing.getMessage().contains("schema id 21"), trailing.getMessage());
            assertEquals("v1-framed", decoder.decode(framed(21, V1, v1Event())).getEventId());

            InputDecoder<InvestmentEvent> framedOnly = new InputDecoder<>(AvroSerdes.investmentEvent(), InvestmentEvent::new,
                    InputFormats.parse("confluent-avro", Optional.of(registry)));
            byte[] singleObject = AvroSerdes.investmentEvent().encode(InvestmentEvent.newBuilder().setEventId("s")
                    .setCity("xian").setSector("K").setAmount(BigDecimal.ONE.setScale(2)).setCurrency("USD")
                    .setOccurredAt(Instant.EPOCH).build());
            SerializationException notListed = assertThrows(SerializationException.class, () -> framedOnly.decode(singleObject));
            assertTrue(notListed.getMessage().contains("confluent-avro"), notListed.getMessage());
        }
    }

    @Test
    @DisplayName("fdi.input.formats: any of avro, confluent-avro and json; confluent-avro needs schema.registry.url")
    void formats() {
        assertEquals("avro,confluent-avro,json", InputFormats.parse(" JSON , confluent-avro,avro", Optional.of(
                new SchemaRegistryClient(new RegistrySettings(java.util.List.of(java.net.URI.create("http://r:1")),
                        Optional.empty(), Optional.empty(), Optional.empty(), "JKS", true)))).toString());
        assertEquals("avro", InputFormats.parse(null, Optional.empty()).toString());
        IllegalArgumentException noUrl = assertThrows(IllegalArgumentException.class,
                () -> InputFormats.parse("avro,confluent-avro", Optional.empty()));
        assertTrue(noUrl.getMessage().contains(RegistrySettings.URL), noUrl.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InputFormats.parse("protobuf", Optional.empty()));
    }
}
