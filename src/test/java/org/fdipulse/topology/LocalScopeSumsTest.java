package org.fdipulse.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fdipulse.model.AcceptedInvestment;
import org.fdipulse.model.LocalSum;
import org.fdipulse.model.PartialSum;
import org.fdipulse.model.QuarterDelta;
import org.fdipulse.model.SourceSum;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LocalScopeSums: ledger changes summed per city, sent once per interval per scope and quarter, ALL included")
class LocalScopeSumsTest {

    /** A forwarded record: key (the scope), value and timestamp. */
    private record Sent(String scope, QuarterDelta delta, long timestamp) {
    }

    private MockProcessorContext<String, QuarterDelta> context;
    private MockStores stores;
    private Processor<String, Change<AcceptedInvestment>, String, QuarterDelta> processor;
    private KeyValueStore<String, LocalSum> sums;

    @BeforeEach
    void processorWithStores() {
        ProcessorSupplier<String, Change<AcceptedInvestment>, String, QuarterDelta> supplier =
                LocalScopeSums.supplier(MockStores.settings());
        context = new MockProcessorContext<>();
        stores = new MockStores(context);
        stores.addAll(supplier.stores());
        sums = context.getStateStore(LocalScopeSums.STORE);
        processor = supplier.get();
    }

    @AfterEach
    void close() {
        processor.close();
        stores.close();
    }

    private static AcceptedInvestment investment(String eventId, int revision, String city, String sector,
                                                 String quarter, String amount, String investorType, boolean green) {
        return new AcceptedInvestment(eventId, revision, city, sector, quarter, new BigDecimal(amount), false,
                investorType, green, "UNSPECIFIED", List.of());
    }

    private static AcceptedInvestment withdrawn(AcceptedInvestment of, int revision) {
        return new AcceptedInvestment(of.eventId(), revision, of.city(), of.sector(), of.quarter(),
                new BigDecimal("0.00"), true, of.investorType(), of.green(), of.sourceEconomy(), of.sourceGroups());
    }

    private void change(AcceptedInvestment newValue, AcceptedInvestment oldValue, long timestamp) {
        processor.process(new Record<>(newValue.eventId(), new Change<>(newValue, oldValue), timestamp));
    }

    private void punctuate(long wallClock) {
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(wallClock);
    }

    private List<Sent> sent() {
        context.forwarded().forEach(forward -> assertTrue(forward.childName().isEmpty(), "forwarded to every child"));
        return context.forwarded().stream()
                .map(forward -> new Sent(forward.record().key(), sums(forward.record().value().quarter(),
                        forward.record().value().sums()), forward.record().timestamp()))
                .toList();
    }

    /** The sector sums a delta carries; its source sums are compared by {@link #sourcesSent()}. */
    private static QuarterDelta sums(String quarter, List<PartialSum> sums) {
        return new QuarterDelta(quarter, sums, List.of());
    }

    private List<Sent> sourcesSent() {
        return context.forwarded().stream().map(forward -> new Sent(forward.record().key(),
                new QuarterDelta(forward.record().value().quarter(), List.of(), forward.record().value().sources()),
                forward.record().timestamp())).toList();
    }

    private static QuarterDelta sources(String quarter, SourceSum... sums) {
        return new QuarterDelta(quarter, List.of(), List.of(sums));
    }

    private static SourceSum source(String quarter, String economy, List<String> groups, String amount, long newestInput) {
        return new SourceSum(quarter, economy, groups, new BigDecimal(amount), newestInput);
    }

    private static AcceptedInvestment from(String eventId, int revision, String city, String amount, String economy,
                                           List<String> groups) {
        return new AcceptedInvestment(eventId, revision, city, "K", "2025-Q4", new BigDecimal(amount), false,
                "CORPORATE", false, economy, groups);
    }

    /** A local sum of an investment without a source economy, as {@link #investment} makes them. */
    private static LocalSum local(String sector, String quarter, String investorType, boolean green, String amount,
                                  int investments, long newestInput) {
        return local(sector, quarter, investorType, green, "UNSPECIFIED", List.of(), amount, investments, newestInput);
    }

    private static LocalSum local(String sector, String quarter, String investorType, boolean green, String economy,
                                  List<String> groups, String amount, int investments, long newestInput) {
        return new LocalSum(sector, quarter, investorType, green, economy, groups, new BigDecimal(amount), investments,
                newestInput);
    }

    private static PartialSum sum(String sector, String quarter, String investorType, boolean green, String amount,
                                  int investments, long newestInput) {
        return new PartialSum(sector, quarter, investorType, green, new BigDecimal(amount), investments, newestInput);
    }

    @Test
    @DisplayName("a punctuator is scheduled on wall-clock time at the publish interval (100 ms by default)")
    void schedulesAtPublishInterval() {
        processor.init(context);

        assertEquals(1, context.scheduledPunctuators().size());
        CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);
        assertEquals(Duration.ofMillis(100), punctuator.getInterval());
        assertEquals(PunctuationType.WALL_CLOCK_TIME, punctuator.getType());
    }

    @Test
    @DisplayName("new, moved and withdrawn investments: nothing sent until the punctuator fires, then one delta per scope "
            + "and quarter, ALL's the sum over the cities; the store is empty after, and a second punctuation sends nothing")
    void sumsSentOncePerScopeAndQuarter() {
        processor.init(context);
        AcceptedInvestment e1 = investment("e1", 1, "beijing", "K", "2025-Q1", "100.00", "CORPORATE", false);
        AcceptedInvestment e2 = investment("e2", 1, "beijing", "K", "2025-Q1", "40.00", "INSURANCE", true);
        AcceptedInvestment e2movedToTianjin = investment("e2", 2, "tianjin", "K", "2025-Q1", "40.00", "INSURANCE", true);
        AcceptedInvestment e3 = investment("e3", 1, "tianjin", "C", "2025-Q2", "25.50", "PENSION_FUND", true);

        change(e1, null, 1_000L);                   // new
        change(e2, null, 2_000L);                   // new
        change(e2movedToTianjin, e2, 3_000L);       // a revision: beijing -> tianjin
        change(withdrawn(e3, 2), e3, 4_000L);       // a withdrawal of e3, counted in an earlier interval

        assertEquals(List.of(), sent(), "nothing forwarded before the punctuator fires");
        Map<String, LocalSum> expectedStore = new LinkedHashMap<>();
        expectedStore.put("beijing|K|2025-Q1|CORPORATE|false|UNSPECIFIED|", local("K", "2025-Q1", "CORPORATE", false, "100.00", 1, 1_000L));
        expectedStore.put("beijing|K|2025-Q1|INSURANCE|true|UNSPECIFIED|", local("K", "2025-Q1", "INSURANCE", true, "0.00", 0, 3_000L));
        expectedStore.put("tianjin|C|2025-Q2|PENSION_FUND|true|UNSPECIFIED|", local("C", "2025-Q2", "PENSION_FUND", true, "-25.50", -1, 4_000L));
        expectedStore.put("tianjin|K|2025-Q1|INSURANCE|true|UNSPECIFIED|", local("K", "2025-Q1", "INSURANCE", true, "40.00", 1, 3_000L));
        assertEquals(expectedStore, MockStores.contents(sums), "the cities' sums are stored; ALL's are not");

        punctuate(10_000L);

        assertEquals(List.of(
                new Sent("ALL", sums("2025-Q1", List.of(
                        sum("K", "2025-Q1", "CORPORATE", false, "100.00", 1, 1_000L),
                        sum("K", "2025-Q1", "INSURANCE", true, "40.00", 1, 3_000L))), 3_000L),
                new Sent("ALL", sums("2025-Q2", List.of(
                        sum("C", "2025-Q2", "PENSION_FUND", true, "-25.50", -1, 4_000L))), 4_000L),
                new Sent("beijing", sums("2025-Q1", List.of(
                        sum("K", "2025-Q1", "CORPORATE", false, "100.00", 1, 1_000L),
                        sum("K", "2025-Q1", "INSURANCE", true, "0.00", 0, 3_000L))), 3_000L),
                new Sent("tianjin", sums("2025-Q1", List.of(
                        sum("K", "2025-Q1", "INSURANCE", true, "40.00", 1, 3_000L))), 3_000L),
                new Sent("tianjin", sums("2025-Q2", List.of(
                        sum("C", "2025-Q2", "PENSION_FUND", true, "-25.50", -1, 4_000L))), 4_000L)),
                sent());
        assertEquals(Map.of(), MockStores.contents(sums), "store after sending");

        context.resetForwards();
        punctuate(10_100L);
        assertEquals(List.of(), sent(), "a second punctuation");
    }

    @Test
    @DisplayName("a move between cities of an investment sent in an earlier interval leaves ALL's sum touched, with zeros")
    void moveNetsOutInAll() {
        processor.init(context);
        AcceptedInvestment e2 = investment("e2", 1, "beijing", "K", "2025-Q1", "40.00", "INSURANCE", true);
        change(e2, null, 1_000L);
        punctuate(10_000L);
        context.resetForwards();

        change(investment("e2", 2, "tianjin", "K", "2025-Q1", "40.00", "INSURANCE", true), e2, 2_000L);
        punctuate(10_100L);

        assertEquals(List.of(
                new Sent("ALL", sums("2025-Q1", List.of(
                        sum("K", "2025-Q1", "INSURANCE", true, "0.00", 0, 2_000L))), 2_000L),
                new Sent("beijing", sums("2025-Q1", List.of(
                        sum("K", "2025-Q1", "INSURANCE", true, "-40.00", -1, 2_000L))), 2_000L),
                new Sent("tianjin", sums("2025-Q1", List.of(
                        sum("K", "2025-Q1", "INSURANCE", true, "40.00", 1, 2_000L))), 2_000L)),
                sent());
        assertEquals(Map.of(), MockStores.contents(sums));
    }

    @Test
    @DisplayName("sums restored from the store at init (after a crash) are sent, with what came after them")
    void restoredSumsAreSent() {
        // As the changelog restores them before the task starts.
        sums.put("beijing|K|2025-Q1|CORPORATE|false|UNSPECIFIED|", local("K", "2025-Q1", "CORPORATE", false, "70.00", 1, 500L));
        sums.put("tianjin|K|2025-Q1|CORPORATE|false|UNSPECIFIED|", local("K", "2025-Q1", "CORPORATE", false, "30.00", 2, 800L));

        processor.init(context);
        change(investment("e5", 1, "beijing", "K", "2025-Q1", "5.00", "CORPORATE", false), null, 900L);
        assertEquals(List.of(), sent(), "nothing forwarded before the punctuator fires");

        punctuate(10_000L);

        assertEquals(List.of(
                new Sent("ALL", sums("2025-Q1", List.of(
                        sum("K", "2025-Q1", "CORPORATE", false, "105.00", 4, 900L))), 900L),
                new Sent("beijing", sums("2025-Q1", List.of(
                        sum("K", "2025-Q1", "CORPORATE", false, "75.00", 2, 900L))), 900L),
                new Sent("tianjin", sums("2025-Q1", List.of(
                        sum("K", "2025-Q1", "CORPORATE", false, "30.00", 2, 800L))), 800L)),
                sent());
        assertEquals(Map.of(), MockStores.contents(sums), "store after sending");
    }

    @Test
    @DisplayName("source sums (R11) per city, economy and groups, in the same local sums as the sector sums: a revision that only moves an "
            + "economy into a group takes it out of the old groups and into the new; ALL's are the cities' summed")
    void sourceSums() {
        processor.init(context);
        change(from("e1", 0, "beijing", "100.00", "HK", List.of("HONG_KONG_MACAO")), null, 1_000L);
        AcceptedInvestment beforeJoining = from("e2", 0, "tianjin", "50.00", "TL", List.of());
        change(beforeJoining, null, 2_000L);
        change(from("e2", 1, "tianjin", "50.00", "TL", List.of("ASEAN")), beforeJoining, 3_000L);
        change(from("e3", 0, "tianjin", "7.00", "UNSPECIFIED", List.of()), null, 4_000L);
        Map<String, LocalSum> expectedStore = new LinkedHashMap<>();
        expectedStore.put("beijing|K|2025-Q4|CORPORATE|false|HK|HONG_KONG_MACAO",
                local("K", "2025-Q4", "CORPORATE", false, "HK", List.of("HONG_KONG_MACAO"), "100.00", 1, 1_000L));
        expectedStore.put("tianjin|K|2025-Q4|CORPORATE|false|TL|",
                local("K", "2025-Q4", "CORPORATE", false, "TL", List.of(), "0.00", 0, 3_000L));
        expectedStore.put("tianjin|K|2025-Q4|CORPORATE|false|TL|ASEAN",
                local("K", "2025-Q4", "CORPORATE", false, "TL", List.of("ASEAN"), "50.00", 1, 3_000L));
        expectedStore.put("tianjin|K|2025-Q4|CORPORATE|false|UNSPECIFIED|",
                local("K", "2025-Q4", "CORPORATE", false, "UNSPECIFIED", List.of(), "7.00", 1, 4_000L));
        assertEquals(expectedStore, MockStores.contents(sums), "one local sum per cell, kind of capital and source; ALL's are not stored");

        punctuate(10_000L);

        assertEquals(List.of(
                new Sent("ALL", sources("2025-Q4",
                        source("2025-Q4", "HK", List.of("HONG_KONG_MACAO"), "100.00", 1_000L),
                        source("2025-Q4", "TL", List.of(), "0.00", 3_000L),
                        source("2025-Q4", "TL", List.of("ASEAN"), "50.00", 3_000L),
                        source("2025-Q4", "UNSPECIFIED", List.of(), "7.00", 4_000L)), 4_000L),
                new Sent("beijing", sources("2025-Q4",
                        source("2025-Q4", "HK", List.of("HONG_KONG_MACAO"), "100.00", 1_000L)), 1_000L),
                new Sent("tianjin", sources("2025-Q4",
                        source("2025-Q4", "TL", List.of(), "0.00", 3_000L),
                        source("2025-Q4", "TL", List.of("ASEAN"), "50.00", 3_000L),
                        source("2025-Q4", "UNSPECIFIED", List.of(), "7.00", 4_000L)), 4_000L)),
                sourcesSent());
        assertEquals(List.of(
                new Sent("ALL", sums("2025-Q4", List.of(sum("K", "2025-Q4", "CORPORATE", false, "157.00", 3, 4_000L))), 4_000L),
                new Sent("beijing", sums("2025-Q4", List.of(sum("K", "2025-Q4", "CORPORATE", false, "100.00", 1, 1_000L))), 1_000L),
                new Sent("tianjin", sums("2025-Q4", List.of(sum("K", "2025-Q4", "CORPORATE", false, "57.00", 2, 4_000L))), 4_000L)),
                sent(), "the sector sums are the local sums added up over the sources");
        assertEquals(Map.of(), MockStores.contents(sums), "store after sending");
    }
}
