package org.fdipulse.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.fdipulse.model.AcceptedInvestment;
import org.fdipulse.model.LocalSum;
import org.fdipulse.model.MeasureDelta;
import org.fdipulse.model.MeasureState;
import org.fdipulse.model.QuarterTotals;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Internal records survive the binary format exactly")
class InternalSerdesTest {

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    @Test
    @DisplayName("amounts keep value and scale, from 0.00 to totals far beyond any single investment")
    void decimals() {
        for (String amount : new String[] {"0.00", "-0.01", "999999999999999999.99", "123456789012345678901234.56"}) {
            QuarterTotals totals = new QuarterTotals(new BigDecimal(amount), new BigDecimal(amount).negate());
            QuarterTotals back = roundTrip(InternalSerdes.QUARTER_TOTALS, totals);
            assertEquals(amount, back.services().toPlainString());
            assertEquals(2, back.total().scale());
            assertEquals(totals, back);
        }
    }

    @Test
    @DisplayName("an id of 1 MiB (the longest Avro field the job decodes) and non-ASCII text")
    void longAndNonAsciiStrings() {
        String longId = "u".repeat(1024 * 1024);
        MeasureDelta delta = new MeasureDelta(new MeasureState(longId, "M-测试", "beijing", "FINANCE", "PLANNED", -1L), true);
        assertEquals(delta, roundTrip(InternalSerdes.MEASURE_DELTA, delta));
    }

    @Test
    @DisplayName("an accepted investment comes back equal")
    void acceptedInvestment() {
        AcceptedInvestment investment = new AcceptedInvestment("e1", 2, "tianjin", "F", "2025-Q2", new BigDecimal("250.00"), false,
                "INSURANCE", true, "TL", List.of("ASEAN"));
        assertEquals(investment, roundTrip(InternalSerdes.ACCEPTED_INVESTMENT, investment));
    }

    @Test
    @DisplayName("a ledger task's local sum comes back equal, a negative amount and two groups included")
    void localSum() {
        LocalSum sum = new LocalSum("F", "2025-Q2", "INSURANCE", true, "SG", List.of("ASEAN", "RCEP"),
                new BigDecimal("-250.00"), -1, 1_733_000_000_000L);
        assertEquals(sum, roundTrip(InternalSerdes.LOCAL_SUM, sum));
    }

    @Test
    @DisplayName("state in another format (the JSON of versions before the scope rollups) is refused, saying to reset")
    void otherFormatRefused() {
        byte[] json = "{\"eventId\":\"e1\",\"revision\":2}".getBytes(StandardCharsets.UTF_8);
        SerializationException refused = assertThrows(SerializationException.class,
                () -> InternalSerdes.ACCEPTED_INVESTMENT.deserializer().deserialize("t", json));
        assertTrue(refused.getMessage().contains("Reset the application"), refused.getMessage());
    }
}
