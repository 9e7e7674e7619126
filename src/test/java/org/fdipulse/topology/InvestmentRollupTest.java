package org.fdipulse.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.fdipulse.avro.Alert;
import org.fdipulse.avro.AlertState;
import org.fdipulse.avro.CapitalMix;
import org.fdipulse.avro.SectorSummary;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.avro.ShareFigures;
import org.fdipulse.model.PartialSum;
import org.fdipulse.model.QuarterDelta;
import org.fdipulse.model.SourceSum;
import org.fdipulse.avro.SourceMix;
import org.fdipulse.avro.EconomyFigures;
import org.fdipulse.avro.GroupFigures;
import org.fdipulse.output.Outputs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Amounts compare with {@code BigDecimal.equals}, scale included: Avro's record equality does not compare decimals,
 * so records are checked field by field. Sector K is a services sector, C (manufacturing) is not (reference data).
 */
@DisplayName("InvestmentRollup: quarter deltas of one scope, cells published as applied, the rest per interval, to each output's sink by name")
class InvestmentRollupTest {

    /** Where a record went, under which key, with which timestamp. */
    private record Routed(String sink, String key, long timestamp) {
    }

    private MockProcessorContext<String, SpecificRecord> context;
    private MockStores stores;
    private Processor<String, QuarterDelta, String, SpecificRecord> processor;

    @BeforeEach
    void processorWithStores() {
        ProcessorSupplier<String, QuarterDelta, String, SpecificRecord> supplier =
                InvestmentRollup.supplier(MockStores.settings());
        context = new MockProcessorContext<>();
        stores = new MockStores(context);
        stores.addAll(supplier.stores());
        processor = supplier.get();
        processor.init(context);
    }

    @AfterEach
    void close() {
        processor.close();
        stores.close();
    }

    private static PartialSum sum(String sector, String quarter, String investorType, boolean green, String amount,
                                  int investments, long newestInput) {
        return new PartialSum(sector, quarter, investorType, green, new BigDecimal(amount), investments, newestInput);
    }

    /**
     * The figures as text, null as "null": Avro's record equality does not compare decimal fields, so a comparison of
     * records would pass whatever the amounts.
     */
    private static String text(BigDecimal... figures) {
        return java.util.Arrays.stream(figures).map(String::valueOf).toList().toString();
    }

    private static String text(EconomyFigures e) {
        return text(e.getAmount(), e.getYtd(), e.getYtdYoy());
    }

    private static String text(GroupFigures g) {
        return text(g.getAmount(), g.getShare(), g.getYtd(), g.getYtdShare(), g.getYtdYoy());
    }

    /**
     * A delta as LocalScopeSums sends it: keyed by scope, timestamped with its newest input; every amount from no named
     * economy, as from producers before v3.
     */
    private void delta(String scope, String quarter, PartialSum... sums) {
        List<SourceSum> sources = java.util.Arrays.stream(sums)
                .map(sum -> new SourceSum(quarter, "UNSPECIFIED", List.of(), sum.amount(), sum.newestInput())).toList();
        delta(scope, quarter, List.of(sums), sources);
    }

    private void delta(String scope, String quarter, List<PartialSum> sums, List<SourceSum> sources) {
        QuarterDelta delta = new QuarterDelta(quarter, sums, sources);
        processor.process(new Record<>(scope, delta, delta.newestInput()));
    }

    private void punctuate(long wallClock) {
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(wallClock);
    }

    private List<Routed> routed() {
        return context.forwarded().stream()
                .map(f -> new Routed(f.childName().orElse("<every child>"), f.record().key(), f.record().timestamp()))
                .toList();
    }

    private <T> T value(int index, Class<T> type) {
        CapturedForward<? extends String, ? extends SpecificRecord> forward = context.forwarded().get(index);
        return assertInstanceOf(type, forward.record().value());
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    private static void assertFigures(String services, String total, String share, String totalYoy,
                                      String servicesYoy, ShareFigures f) {
        assertEquals(dec(services), f.getServices(), "services");
        assertEquals(dec(total), f.getTotal(), "total");
        assertEquals(share == null ? null : dec(share), f.getServicesShare(), "servicesShare");
        assertEquals(totalYoy == null ? null : dec(totalYoy), f.getTotalYoy(), "totalYoy");
        assertEquals(servicesYoy == null ? null : dec(servicesYoy), f.getServicesYoy(), "servicesYoy");
    }

    private static ShareFigures quarterFigures(ServicesShare s) {
        return new ShareFigures(s.getServices(), s.getTotal(), s.getServicesShare(), s.getTotalYoy(), s.getServicesYoy());
    }

    @Test
    @DisplayName("a punctuator is scheduled on wall-clock time at the publish interval (100 ms by default)")
    void schedulesAtPublishInterval() {
        assertEquals(1, context.scheduledPunctuators().size());
        assertEquals(Duration.ofMillis(100), context.scheduledPunctuators().get(0).getInterval());
        assertEquals(PunctuationType.WALL_CLOCK_TIME, context.scheduledPunctuators().get(0).getType());
    }

    @Test
    @DisplayName("one quarter of a city and of ALL: a city's sector summaries as its delta is applied, one per cell "
            + "whatever its kinds of capital; then capital mixes and share records at the punctuator, each to its "
            + "output's sink, in key order; nothing on a second punctuation")
    void publishesEachOutputToItsSink() {
        PartialSum manufacturing = sum("C", "2025-Q1", "INSURANCE", true, "100.00", 1, 2_000L);
        PartialSum realEstate = sum("K", "2025-Q1", "CORPORATE", false, "300.00", 2, 1_000L);
        PartialSum realEstateGreen = sum("K", "2025-Q1", "CORPORATE", true, "0.00", 0, 1_500L);
        delta("beijing", "2025-Q1", manufacturing, realEstate, realEstateGreen);
        delta("ALL", "2025-Q1", manufacturing, realEstate, realEstateGreen);

        assertEquals(List.of(
                new Routed(Outputs.SECTOR_SUMMARY.sinkName(), "beijing|C|2025-Q1", 2_000L),
                new Routed(Outputs.SECTOR_SUMMARY.sinkName(), "beijing|K|2025-Q1", 1_500L)),
                routed(), "the city's cells, each once, with its newest input, before the punctuator; ALL has no cells");
        SectorSummary c = value(0, SectorSummary.class);
        assertEquals(List.of("beijing", "C", "2025-Q1", "USD"), List.of(c.getCity(), c.getSector(), c.getQuarter(), c.getCurrency()));
        assertEquals(dec("100.00"), c.getAmount());
        assertEquals(1, c.getInvestments());
        SectorSummary k = value(1, SectorSummary.class);
        assertEquals(List.of("beijing", "K", "2025-Q1", "USD"), List.of(k.getCity(), k.getSector(), k.getQuarter(), k.getCurrency()));
        assertEquals(dec("300.00"), k.getAmount());
        assertEquals(2, k.getInvestments());
        context.resetForwards();

        punctuate(10_000L);

        assertEquals(List.of(
                new Routed(Outputs.CAPITAL_MIX.sinkName(), "ALL|2025-Q1", 2_000L),
                new Routed(Outputs.CAPITAL_MIX.sinkName(), "beijing|2025-Q1", 2_000L),
                new Routed(Outputs.SOURCE_MIX.sinkName(), "ALL|2025-Q1", 2_000L),
                new Routed(Outputs.SOURCE_MIX.sinkName(), "beijing|2025-Q1", 2_000L),
                new Routed(Outputs.SERVICES_SHARE.sinkName(), "ALL|2025-Q1", 2_000L),
                new Routed(Outputs.SERVICES_SHARE.sinkName(), "beijing|2025-Q1", 2_000L),
                new Routed(InvestmentRollup.CITY_SHARES, "beijing|2025-Q1", 2_000L)),
                routed(), "a city's share record also goes to the programme-impact panel; ALL's does not");
        // The sink names the topology attaches (OutputTopic.sinkName: role + "-sink"), written out.
        assertEquals(List.of("sector-summary-sink", "capital-mix-sink", "services-share-sink"),
                List.of(Outputs.SECTOR_SUMMARY.sinkName(), Outputs.CAPITAL_MIX.sinkName(), Outputs.SERVICES_SHARE.sinkName()));

        for (int i : new int[] {0, 1}) {
            CapitalMix mix = value(i, CapitalMix.class);
            assertEquals(i == 0 ? "ALL" : "beijing", mix.getScope());
            assertEquals("2025-Q1", mix.getQuarter());
            assertEquals("USD", mix.getCurrency());
            assertEquals(dec("400.00"), mix.getTotal());
            assertEquals(Map.of("CORPORATE", dec("300.00"), "INSURANCE", dec("100.00"), "SOVEREIGN_FUND", dec("0.00"),
                    "PENSION_FUND", dec("0.00"), "PRIVATE_EQUITY", dec("0.00"), "OTHER", dec("0.00"),
                    "UNSPECIFIED", dec("0.00")), mix.getByInvestorType());
            assertEquals(dec("100.00"), mix.getGreen());
            assertEquals(dec("0.2500"), mix.getGreenShare());
            assertEquals(dec("100.00"), mix.getTargetedInvestors());
            assertEquals(dec("0.2500"), mix.getTargetedInvestorsShare());
            assertEquals(dec("100.00"), mix.getTargetedGreen());
            assertEquals(dec("0.2500"), mix.getTargetedGreenShare());
        }

        for (int i : new int[] {4, 5}) {
            ServicesShare share = value(i, ServicesShare.class);
            assertEquals(i == 4 ? "ALL" : "beijing", share.getScope());
            assertEquals("2025-Q1", share.getQuarter());
            assertEquals("USD", share.getCurrency());
            // services: K 300.00; total 400.00; 300 / 400 = 0.75; no year-earlier figures
            assertFigures("300.00", "400.00", "0.7500", null, null, quarterFigures(share));
            assertFigures("300.00", "400.00", "0.7500", null, null, share.getTtm());
            assertFigures("300.00", "400.00", "0.7500", null, null, share.getYtd());
        }

        context.resetForwards();
        punctuate(10_100L);
        assertEquals(List.of(), routed(), "a second punctuation");
    }

    @Test
    @DisplayName("a change in 2025-Q1 republishes the share records with totals among 2025-Q1..2026-Q4 whose figures "
            + "it moves, and not 2027-Q1 (q+8)")
    void republishesTheQuartersAChangeReaches() {
        delta("ALL", "2025-Q1", sum("K", "2025-Q1", "CORPORATE", false, "100.00", 1, 1_000L));
        delta("ALL", "2025-Q3", sum("K", "2025-Q3", "CORPORATE", false, "50.00", 1, 1_000L));
        delta("ALL", "2026-Q4", sum("K", "2026-Q4", "CORPORATE", false, "200.00", 1, 1_000L));
        delta("ALL", "2027-Q1", sum("K", "2027-Q1", "CORPORATE", false, "60.00", 1, 1_000L));
        punctuate(10_000L);
        assertEquals(List.of(
                new Routed(Outputs.CAPITAL_MIX.sinkName(), "ALL|2025-Q1", 1_000L),
                new Routed(Outputs.CAPITAL_MIX.sinkName(), "ALL|2025-Q3", 1_000L),
                new Routed(Outputs.CAPITAL_MIX.sinkName(), "ALL|2026-Q4", 1_000L),
                new Routed(Outputs.CAPITAL_MIX.sinkName(), "ALL|2027-Q1", 1_000L),
                new Routed(Outputs.SOURCE_MIX.sinkName(), "ALL|2025-Q1", 1_000L),
                new Routed(Outputs.SOURCE_MIX.sinkName(), "ALL|2025-Q3", 1_000L),
                new Routed(Outputs.SOURCE_MIX.sinkName(), "ALL|2026-Q4", 1_000L),
                new Routed(Outputs.SOURCE_MIX.sinkName(), "ALL|2027-Q1", 1_000L),
                new Routed(Outputs.SERVICES_SHARE.sinkName(), "ALL|2025-Q1", 1_000L),
                new Routed(Outputs.SERVICES_SHARE.sinkName(), "ALL|2025-Q3", 1_000L),
                new Routed(Outputs.SERVICES_SHARE.sinkName(), "ALL|2026-Q4", 1_000L),
                new Routed(Outputs.SERVICES_SHARE.sinkName(), "ALL|2027-Q1", 1_000L)),
                routed(), "first publication: no alert (every share 1.0000, no year-on-year fall)");
        context.resetForwards();

        delta("ALL", "2025-Q1", sum("K", "2025-Q1", "PRIVATE_EQUITY", false, "10.00", 1, 5_000L));
        punctuate(10_100L);

        // The source mix of 2025-Q3 and 2026-Q4 holds no year to date that moved: every amount is unspecified.
        assertEquals(List.of(
                new Routed(Outputs.CAPITAL_MIX.sinkName(), "ALL|2025-Q1", 5_000L),
                new Routed(Outputs.SOURCE_MIX.sinkName(), "ALL|2025-Q1", 5_000L),
                new Routed(Outputs.SERVICES_SHARE.sinkName(), "ALL|2025-Q1", 5_000L),
                new Routed(Outputs.SERVICES_SHARE.sinkName(), "ALL|2025-Q3", 5_000L),
                new Routed(Outputs.SERVICES_SHARE.sinkName(), "ALL|2026-Q4", 5_000L)),
                routed());
        ServicesShare q1 = value(2, ServicesShare.class);
        assertFigures("110.00", "110.00", "1.0000", null, null, quarterFigures(q1));
        ServicesShare q3 = value(3, ServicesShare.class);
        assertFigures("50.00", "50.00", "1.0000", null, null, quarterFigures(q3));
        assertFigures("160.00", "160.00", "1.0000", null, null, q3.getYtd());        // 110 + 50
        ServicesShare q4 = value(4, ServicesShare.class);
        assertFigures("200.00", "200.00", "1.0000", null, null, quarterFigures(q4)); // 2025-Q4 had nothing
        // 2026-Q4's year-earlier TTM and YTD are 2025-Q1..Q4: 160.00 (was 150.00); 200 / 160 - 1 = 0.25 (was 0.3333)
        assertFigures("200.00", "200.00", "1.0000", "0.2500", "0.2500", q4.getTtm());
        assertFigures("200.00", "200.00", "1.0000", "0.2500", "0.2500", q4.getYtd());
    }

    @Test
    @DisplayName("R7: a delta that changes no figure republishes nothing; one that changes only the investor type "
            + "republishes the capital mix and no share record (R8)")
    void unchangedFiguresAreNotRepublished() {
        delta("ALL", "2025-Q1", sum("K", "2025-Q1", "CORPORATE", false, "100.00", 1, 1_000L));
        punctuate(10_000L);
        context.resetForwards();

        // A move between two cities, as ALL receives it: the cell touched, with zeros.
        delta("ALL", "2025-Q1", sum("K", "2025-Q1", "CORPORATE", false, "0.00", 0, 2_000L));
        punctuate(10_100L);
        assertEquals(List.of(), routed(), "no figure changed");

        // A revision that changes only the investor type.
        delta("ALL", "2025-Q1", sum("K", "2025-Q1", "CORPORATE", false, "-100.00", -1, 3_000L),
                sum("K", "2025-Q1", "PENSION_FUND", false, "100.00", 1, 3_000L));
        punctuate(10_200L);
        assertEquals(List.of(new Routed(Outputs.CAPITAL_MIX.sinkName(), "ALL|2025-Q1", 3_000L)), routed());
        CapitalMix mix = value(0, CapitalMix.class);
        assertEquals(dec("100.00"), mix.getTotal());
        assertEquals(dec("0.00"), mix.getByInvestorType().get("CORPORATE"));
        assertEquals(dec("100.00"), mix.getByInvestorType().get("PENSION_FUND"));
        assertEquals(dec("100.00"), mix.getTargetedInvestors());
        assertEquals(dec("1.0000"), mix.getTargetedInvestorsShare());
    }

    @Test
    @DisplayName("R11: a delta that moves an amount between economies republishes the source mix of the quarter, the "
            + "rest of its year and the year after, and no share record")
    void sourceOnlyRevision() {
        PartialSum k = sum("K", "2025-Q1", "CORPORATE", false, "100.00", 1, 1_000L);
        delta("ALL", "2025-Q1", List.of(k), List.of(new SourceSum("2025-Q1", "GB", List.of(), dec("100.00"), 1_000L)));
        delta("ALL", "2025-Q2", List.of(sum("K", "2025-Q2", "CORPORATE", false, "10.00", 1, 1_000L)),
                List.of(new SourceSum("2025-Q2", "UNSPECIFIED", List.of(), dec("10.00"), 1_000L)));
        delta("ALL", "2026-Q3", List.of(sum("K", "2026-Q3", "CORPORATE", false, "50.00", 1, 1_000L)),
                List.of(new SourceSum("2026-Q3", "DE", List.of("EU"), dec("50.00"), 1_000L)));
        punctuate(10_000L);
        context.resetForwards();

        // eventId revised from GB to DE (an EU member that day): the sector sum is touched with zeros, as a revision sends it.
        delta("ALL", "2025-Q1", List.of(sum("K", "2025-Q1", "CORPORATE", false, "0.00", 0, 2_000L)),
                List.of(new SourceSum("2025-Q1", "GB", List.of(), dec("-100.00"), 2_000L),
                        new SourceSum("2025-Q1", "DE", List.of("EU"), dec("100.00"), 2_000L)));
        punctuate(10_100L);

        assertEquals(List.of(
                new Routed(Outputs.SOURCE_MIX.sinkName(), "ALL|2025-Q1", 2_000L),
                new Routed(Outputs.SOURCE_MIX.sinkName(), "ALL|2025-Q2", 2_000L),
                new Routed(Outputs.SOURCE_MIX.sinkName(), "ALL|2026-Q3", 2_000L)),
                routed(), "no capital mix or share record: their figures did not move");
        SourceMix q1 = value(0, SourceMix.class);
        assertEquals(dec("100.00"), q1.getTotal());
        assertEquals(dec("0.00"), q1.getUnspecified());
        assertEquals(Set.of("DE"), q1.getByEconomy().keySet(), "GB's amount is gone: no economy at zero throughout is listed");
        assertEquals(text(dec("100.00"), dec("100.00"), null), text(q1.getByEconomy().get("DE")));
        assertEquals(text(dec("100.00"), dec("1.0000"), dec("100.00"), dec("1.0000"), null), text(q1.getByGroup().get("EU")));
        assertEquals(text(dec("0.00"), dec("0.0000"), dec("0.00"), dec("0.0000"), null), text(q1.getByGroup().get("ASEAN")),
                "every group of the reference file, at zero too");
        SourceMix q2 = value(1, SourceMix.class);
        // 2025-Q2: DE nothing this quarter, 100.00 in the year to date of 110.00
        assertEquals(text(dec("0.00"), dec("100.00"), null), text(q2.getByEconomy().get("DE")));
        assertEquals(text(dec("0.00"), dec("0.0000"), dec("100.00"), dec("0.9091"), null), text(q2.getByGroup().get("EU")));
        SourceMix q3 = value(2, SourceMix.class);
        // 2026-Q3: EU's year to date 50.00 against 2025-Q1..Q3's 100.00: 50 / 100 - 1 = -0.5
        assertEquals(text(dec("50.00"), dec("50.00"), dec("-0.5000")), text(q3.getByEconomy().get("DE")));
        assertEquals(text(dec("50.00"), dec("1.0000"), dec("50.00"), dec("1.0000"), dec("-0.5000")), text(q3.getByGroup().get("EU")));
    }

    @Test
    @DisplayName("R9: a share below 0.70 fires services-share-below to the alerts sink; a later share above resolves it")
    void alertFiresAndResolves() {
        delta("ALL", "2025-Q1", sum("C", "2025-Q1", "CORPORATE", false, "100.00", 1, 1_000L),
                sum("K", "2025-Q1", "CORPORATE", false, "50.00", 1, 1_000L));
        punctuate(10_000L);

        assertEquals(List.of(
                new Routed(Outputs.CAPITAL_MIX.sinkName(), "ALL|2025-Q1", 1_000L),
                new Routed(Outputs.SOURCE_MIX.sinkName(), "ALL|2025-Q1", 1_000L),
                new Routed(Outputs.SERVICES_SHARE.sinkName(), "ALL|2025-Q1", 1_000L),
                new Routed(Outputs.ALERTS.sinkName(), "services-share-below|ALL|2025-Q1", 1_000L)),
                routed());
        assertEquals("alerts-sink", Outputs.ALERTS.sinkName());
        assertFigures("50.00", "150.00", "0.3333", null, null, quarterFigures(value(2, ServicesShare.class)));
        Alert firing = value(3, Alert.class);
        assertEquals(List.of("services-share-below", "ALL", "2025-Q1"),
                List.of(firing.getRule(), firing.getScope(), firing.getQuarter()));
        assertEquals(AlertState.FIRING, firing.getState());
        assertEquals(dec("0.3333"), firing.getValue());
        assertEquals(dec("0.7000"), firing.getThreshold());
        assertEquals(Instant.ofEpochMilli(1_000L), firing.getChangedAt());
        context.resetForwards();

        delta("ALL", "2025-Q1", sum("K", "2025-Q1", "CORPORATE", false, "250.00", 1, 4_000L));
        punctuate(10_100L);

        assertEquals(List.of(
                new Routed(Outputs.CAPITAL_MIX.sinkName(), "ALL|2025-Q1", 4_000L),
                new Routed(Outputs.SOURCE_MIX.sinkName(), "ALL|2025-Q1", 4_000L),
                new Routed(Outputs.SERVICES_SHARE.sinkName(), "ALL|2025-Q1", 4_000L),
                new Routed(Outputs.ALERTS.sinkName(), "services-share-below|ALL|2025-Q1", 4_000L)),
                routed());
        assertFigures("300.00", "400.00", "0.7500", null, null, quarterFigures(value(2, ServicesShare.class)));
        Alert resolved = value(3, Alert.class);
        assertEquals(AlertState.RESOLVED, resolved.getState());
        assertEquals(dec("0.7500"), resolved.getValue());
        assertEquals(dec("0.7000"), resolved.getThreshold());
        assertEquals(Instant.ofEpochMilli(4_000L), resolved.getChangedAt());
    }
}
