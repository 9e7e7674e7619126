package org.fdipulse.topology;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.model.AcceptedInvestment;
import org.fdipulse.rules.CurrencyConversion;
import org.fdipulse.rules.InputValidation;
import org.fdipulse.rules.InvestmentAdmission;
import org.fdipulse.rules.SourceEconomies;
import org.fdipulse.rules.Verdict;
import org.fdipulse.serde.AvroSerdes;
import org.fdipulse.serde.InputDecoder;
import org.fdipulse.serde.InputFormats;

/** Admits investment events against the rates the job has seen so far, in the global rate book. */
final class InvestmentIntake extends IntakeProcessor<InvestmentEvent, AcceptedInvestment> {

    private final InputValidation validation;
    private final String reportingCurrency;
    private InvestmentAdmission admission;

    InvestmentIntake(InputValidation validation, String reportingCurrency, InputFormats formats, int sourcePartitions,
                     IntakeRoutes routes) {
        super(new InputDecoder<>(AvroSerdes.investmentEvent(), InvestmentEvent::new, formats), sourcePartitions, routes);
        this.validation = validation;
        this.reportingCurrency = reportingCurrency;
    }

    @Override
    public void init(ProcessorContext<String, AcceptedInvestment> context) {
        super.init(context);
        ReadOnlyKeyValueStore<String, String> rates = context.getStateStore(FxRateBook.STORE);
        admission = new InvestmentAdmission(validation, new CurrencyConversion(reportingCurrency, new FxRateBook(rates)),
                new SourceEconomies(validation.reference()));
    }

    @Override
    Verdict<AcceptedInvestment> admit(InvestmentEvent event) {
        return admission.admit(event);
    }
}
