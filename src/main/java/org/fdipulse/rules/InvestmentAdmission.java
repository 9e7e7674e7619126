package org.fdipulse.rules;

import java.math.BigDecimal;
import java.util.Optional;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.model.AcceptedInvestment;
import org.fdipulse.model.CapitalMixTotals;
import org.fdipulse.reference.Normalized;

/**
 * Admits one investment event: validates it (R6), places it in its quarter (R1) and converts its amount into the
 * reporting currency (R2, NO_FX_RATE when a rate is missing), and finds where its money comes from (R11). A withdrawal
 * needs no rate: it counts nowhere.
 */
public final class InvestmentAdmission {

    private static final BigDecimal NOTHING = BigDecimal.ZERO.setScale(CurrencyConversion.AMOUNT_SCALE);

    private final InputValidation validation;
    private final CurrencyConversion conversion;
    private final SourceEconomies sources;

    public InvestmentAdmission(InputValidation validation, CurrencyConversion conversion, SourceEconomies sources) {
        this.validation = validation;
        this.conversion = conversion;
        this.sources = sources;
    }

    public Verdict<AcceptedInvestment> admit(InvestmentEvent event) {
        Optional<Rejection> invalid = validation.check(event);
        if (invalid.isPresent()) {
            return new Verdict.Rejected<>(invalid.get());
        }
        BigDecimal amount = NOTHING;
        if (!event.getWithdrawn()) {
            String currency = Normalized.currency(event.getCurrency());
            Optional<BigDecimal> converted = conversion.toReporting(event.getAmount(), currency, event.getOccurredAt());
            if (converted.isEmpty()) {
                return new Verdict.Rejected<>(noRate(event, currency));
            }
            Optional<Rejection> tooLarge = validation.checkConverted(converted.get(), event.getEventId(),
                    conversion.reportingCurrency());
            if (tooLarge.isPresent()) {
                return new Verdict.Rejected<>(tooLarge.get());
            }
            amount = converted.get();
        }
        SourceEconomies.Source source = sources.of(event);
        return new Verdict.Accepted<>(event.getEventId(), new AcceptedInvestment(event.getEventId(), event.getRevision(),
                Normalized.city(event.getCity()), Normalized.sector(event.getSector()),
                Quarter.containing(event.getOccurredAt()).toString(), amount, event.getWithdrawn(),
                event.getInvestorType() == null ? CapitalMixTotals.UNSPECIFIED : event.getInvestorType().name(),
                event.getGreen(), source.economy(), source.groups()));
    }

    private Rejection noRate(InvestmentEvent event, String currency) {
        String reporting = conversion.reportingCurrency();
        return new Rejection(RejectionReason.NO_FX_RATE, "no rate for " + currency
                + (currency.equals(reporting) ? "" : " or " + reporting) + " valid at " + event.getOccurredAt()
                + " (eventId '" + event.getEventId() + "'); publish a rate with validFrom at or before it to the rates "
                + "topic, then send the event again");
    }
}
