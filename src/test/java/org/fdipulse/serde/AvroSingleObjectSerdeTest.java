package org.fdipulse.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.errors.SerializationException;
import org.fdipulse.avro.FxRate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Avro single-object encoding of contract section 2")
class AvroSingleObjectSerdeTest {

    @Test
    @DisplayName("bytes start with C3 01 and the writer schema's CRC-64-AVRO fingerprint, little-endian")
    void header() {
        FxRate rate = new FxRate("CNY", new BigDecimal("7.288300"), Instant.parse("2025-01-01T00:00:00Z"));
        byte[] bytes = AvroSerdes.fxRate().encode(rate);

        assertEquals((byte) 0xC3, bytes[0]);
        assertEquals((byte) 0x01, bytes[1]);
        long fingerprint = SchemaNormalization.parsingFingerprint64(FxRate.getClassSchema());
        byte[] expected = new byte[8];
        for (int i = 0; i < 8; i++) {
            expected[i] = (byte) (fingerprint >>> (8 * i));
        }
        assertArrayEquals(expected, Arrays.copyOfRange(bytes, 2, 10));
        assertEquals(rate, AvroSerdes.fxRate().decode(bytes));
    }

    @Test
    @DisplayName("bytes of an unknown schema, or no Avro at all, fail as a SerializationException")
    void undecodable() {
        byte[] bytes = AvroSerdes.fxRate().encode(new FxRate("CNY", new BigDecimal("7.000000"), Instant.EPOCH));
        bytes[5] ^= 0x55; // another fingerprint
        assertThrows(SerializationException.class, () -> AvroSerdes.fxRate().decode(bytes));
        assertThrows(SerializationException.class, () -> AvroSerdes.fxRate().decode(new byte[] {1, 2, 3}));
    }
}
