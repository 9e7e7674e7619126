package org.fdipulse.topology;

import java.math.BigDecimal;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.model.AcceptedInvestment;
import org.fdipulse.rules.CurrencyConversion;
import org.fdipulse.rules.InputValidation;
import org.fdipulse.rules.Normalized;
import org.fdipulse.rules.Quarter;
import org.fdipulse.rules.Rejection;
import org.fdipulse.rules.RejectionReason;
import org.fdipulse.serde.AvroSerdes;

/**
 * Admits investment events: validates them (R6), places them in their quarter (R1) and converts the amount into the
 * reporting currency as of occurredAt against the rates seen so far (R2). Keyed by eventId for the ledger (R3).
 */
final class InvestmentIntake extends IntakeProcessor<InvestmentEvent, AcceptedInvestment> {

    private final InputValidation validation;
    private final String reportingCurrency;
    private CurrencyConversion conversion;

    InvestmentIntake(InputValidation validation, String reportingCurrency) {
        super(AvroSerdes.investmentEvent());
        this.validation = validation;
        this.reportingCurrency = reportingCurrency;
    }

    @Override
    public void init(ProcessorContext<String, Intake<AcceptedInvestment>> context) {
        super.init(context);
        ReadOnlyKeyValueStore<String, String> rates = context.getStateStore(FxRateBook.STORE);
        conversion = new CurrencyConversion(reportingCurrency, new FxRateBook(rates));
    }

    @Override
    Admission<AcceptedInvestment> admit(InvestmentEvent event) {
        Optional<Rejection> rejection = validation.check(event);
        if (rejection.isPresent()) {
            return Admission.reject(rejection.get());
        }
        String currency = Normalized.currency(event.getCurrency());
        BigDecimal amount = BigDecimal.ZERO.setScale(CurrencyConversion.AMOUNT_SCALE);
        if (!event.getWithdrawn()) {
            Optional<BigDecimal> converted = conversion.toReporting(event.getAmount(), currency, event.getOccurredAt());
            if (converted.isEmpty()) {
                return Admission.reject(new Rejection(RejectionReason.NO_FX_RATE, "no rate for " + currency
                        + (currency.equals(reportingCurrency) ? "" : " or " + reportingCurrency) + " valid at "
                        + event.getOccurredAt() + " (eventId '" + event.getEventId() + "'); publish a rate to the "
                        + "rates topic with validFrom at or before it, then send the event again"));
            }
            amount = converted.get();
            Optional<Rejection> tooLarge = validation.checkConverted(amount, event.getEventId(), reportingCurrency);
            if (tooLarge.isPresent()) {
                return Admission.reject(tooLarge.get());
            }
        }
        AcceptedInvestment accepted = new AcceptedInvestment(event.getEventId(), event.getRevision(),
                Normalized.city(event.getCity()), Normalized.sector(event.getSector()),
                Quarter.containing(event.getOccurredAt()).toString(), amount, event.getWithdrawn());
        return new Admission.Accept<>(event.getEventId(), accepted);
    }
}
