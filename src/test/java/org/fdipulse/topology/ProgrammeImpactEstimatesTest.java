package org.fdipulse.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fdipulse.avro.ImpactEstimate;
import org.fdipulse.avro.ImpactKind;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.output.Outputs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The programme-impact processor (R10) alone, on a panel restored from its store as after a restart: the panel is
 * 2025-Q1..Q2; the 2025 cohort (9 cities) has no change (xian 1,000,000 in both quarters, the others none) and
 * {@code other}, the one control, goes from ln 2 to ln 4, so ATT(2025-Q2, 2025-Q2) = 0 − ln 2 = −0.6931, SE 0.
 */
@DisplayName("ProgrammeImpactEstimates: a restored panel is estimated at start, stale estimates get tombstones")
class ProgrammeImpactEstimatesTest {

    private final ProcessorSupplier<String, ServicesShare, String, SpecificRecord> supplier =
            ProgrammeImpactEstimates.supplier(MockStores.settings());
    private MockProcessorContext<String, SpecificRecord> context;
    private MockStores stores;

    @BeforeEach
    void restoredState() {
        context = new MockProcessorContext<>();
        stores = new MockStores(context);
        stores.addAll(supplier.stores());
        KeyValueStore<String, BigDecimal> panel = context.getStateStore(ProgrammeImpactEstimates.PANEL);
        panel.put("xian|2025-Q1", new BigDecimal("1000000.00"));
        panel.put("xian|2025-Q2", new BigDecimal("1000000.00"));
        panel.put("other|2025-Q1", new BigDecimal("1000000.00"));
        panel.put("other|2025-Q2", new BigDecimal("3000000.00"));
        KeyValueStore<String, ImpactEstimate> published = context.getStateStore(ProgrammeImpactEstimates.PUBLISHED);
        // an estimate of reference data since changed: no cohort of 2000 exists now
        published.put("cell|2000-Q1|2000-Q2", new ImpactEstimate(ImpactKind.CELL, "2000-Q1", "2000-Q2", "2000-Q1", 1,
                new BigDecimal("0.1000"), new BigDecimal("0.0000"), new BigDecimal("0.1000"), new BigDecimal("0.1000"), 1, 1, 1,
                "USD", "ln(1+services/1e6)"));
    }

    @AfterEach
    void close() {
        stores.close();
    }

    private Processor<String, ServicesShare, String, SpecificRecord> started() {
        Processor<String, ServicesShare, String, SpecificRecord> processor = supplier.get();
        context.setCurrentSystemTimeMs(1_000L);   // the estimates' timestamp when no input marked them: wall-clock time
        processor.init(context);
        return processor;
    }

    private List<String> published() {
        List<String> out = context.forwarded().stream().map(f -> f.childName().orElse("<every child>") + " " + f.record().key()
                + " " + (f.record().value() == null ? "tombstone" : ((ImpactEstimate) f.record().value()).getEstimate())).toList();
        context.resetForwards();
        return out;
    }

    @Test
    @DisplayName("the first punctuation estimates the restored panel and deletes what is no longer defined; the next, nothing")
    void estimatesAtStart() {
        started();
        assertEquals(List.of(), published(), "nothing before the punctuator");
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(1_000L);
        String sink = Outputs.PROGRAMME_IMPACT.sinkName();
        assertEquals(List.of(sink + " cell|2025-Q2|2025-Q2 -0.6931", sink + " event|0 -0.6931", sink + " overall -0.6931",
                sink + " cell|2000-Q1|2000-Q2 tombstone"), published());
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(2_000L);
        assertEquals(List.of(), published(), "a second punctuation, nothing changed");
    }

    @Test
    @DisplayName("a restart on the same data and reference publishes nothing")
    void restartOnSameData() {
        started();
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(1_000L);
        published();
        MockProcessorContext<String, SpecificRecord> first = context;
        context = new MockProcessorContext<>();
        // the same stores, as a restored task finds them
        for (String name : List.of(ProgrammeImpactEstimates.PANEL, ProgrammeImpactEstimates.PUBLISHED,
                ProgrammeImpactEstimates.PENDING)) {
            context.addStateStore(first.getStateStore(name));
        }
        started();
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(3_000L);
        assertEquals(List.of(), published());
    }
}
