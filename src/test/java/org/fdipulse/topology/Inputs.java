package org.fdipulse.topology;

import java.math.BigDecimal;
import java.time.Instant;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.InvestorType;
import org.fdipulse.avro.MeasureUpdate;

/** Input records for the rule tests, written the way a producer would send them. */
final class Inputs {

    private Inputs() {
    }

    static InvestmentEvent investment(String eventId, int revision, String city, String sector, String amount,
                                      String currency, String occurredAt) {
        return InvestmentEvent.newBuilder()
                .setEventId(eventId)
                .setRevision(revision)
                .setCity(city)
                .setSector(sector)
                .setAmount(new BigDecimal(amount))
                .setCurrency(currency)
                .setOccurredAt(Instant.parse(occurredAt))
                .build();
    }

    /** A USD investment, revision 0. */
    static InvestmentEvent usd(String eventId, String city, String sector, String amount, String occurredAt) {
        return investment(eventId, 0, city, sector, amount, "USD", occurredAt);
    }

    /** A USD investment, revision 0, from an investor of the given type (null: none named), green or not (R8). */
    static InvestmentEvent usd(String eventId, String city, String sector, String amount, String occurredAt,
                               InvestorType investorType, boolean green) {
        return InvestmentEvent.newBuilder(usd(eventId, city, sector, amount, occurredAt))
                .setInvestorType(investorType).setGreen(green).build();
    }

    static InvestmentEvent withdrawal(InvestmentEvent of, int revision) {
        return InvestmentEvent.newBuilder(of).setRevision(revision).setWithdrawn(true).build();
    }

    static MeasureUpdate measure(String updateId, String measureId, String city, String focusArea, String status,
                                 String occurredAt) {
        return new MeasureUpdate(updateId, measureId, city, focusArea, status, Instant.parse(occurredAt));
    }
}
