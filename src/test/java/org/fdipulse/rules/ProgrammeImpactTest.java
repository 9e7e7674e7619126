package org.fdipulse.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fdipulse.rules.ProgrammeImpact.Estimate;
import org.fdipulse.rules.ProgrammeImpact.Kind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R10 on a panel worked by hand: three cities over 2021-Q1…Q4 — {@code a} in the pilot from 2021-Q3, {@code b} from
 * 2021-Q4, {@code c} never — with outcomes chosen so that every change is exact in binary:
 * <pre>
 *        Q1   Q2   Q3   Q4
 *   a   1.0  2.0  5.0  6.0
 *   b   2.0  2.5  3.0  7.0
 *   c   1.0  3.0  4.5  4.0
 * </pre>
 * Cell (g=Q3, t=Q2): base Q1, controls b (treated after Q2) and c; changes a 1.0, b 0.5, c 2.0; ATT = 1.0 − 1.25 =
 * −0.25; influence b +0.375, c −0.375; SE = √0.28125 = 0.53033. Cell (Q3, Q3): base Q2, controls b, c; changes a 3.0,
 * b 0.5, c 1.5; ATT = 2.0; SE = √0.125. Cell (Q3, Q4): base Q2, control c alone (b is treated from Q4); a 4.0, c 1.0;
 * ATT = 3.0, SE 0. Cell (Q4, Q2): base Q1, controls a, c; b 0.5, a 1.0, c 2.0; ATT = −1.0, SE = √0.125. Cell (Q4, Q3):
 * base Q2, control c; b 0.5, c 1.5; ATT = −1.0. Cell (Q4, Q4): base Q3, control c; b 4.0, c −0.5; ATT = 4.5.
 * Event time −1 averages (Q3,Q2) and (Q4,Q3) with weights ½: −0.625, influence b +0.1875, c −0.1875, SE = √0.0703125.
 * Event time 0: (Q3,Q3) and (Q4,Q4): 3.25, influence b +0.125, c −0.125, SE = √0.03125. Overall: the three cells from
 * a pilot's start, ⅓ each: 9.5 / 3, influence b +1/12, c −1/12, SE = √(1/72). Intervals: estimate ± 1.959964 × SE.
 */
@DisplayName("R10 programme impact: cells, event study and overall on a hand-worked panel")
class ProgrammeImpactTest {

    private static final Quarter Q1 = Quarter.parse("2021-Q1");
    private static final Quarter Q2 = Quarter.parse("2021-Q2");
    private static final Quarter Q3 = Quarter.parse("2021-Q3");
    private static final Quarter Q4 = Quarter.parse("2021-Q4");

    private static final Map<String, double[]> Y = Map.of(
            "a", new double[] {1.0, 2.0, 5.0, 6.0},
            "b", new double[] {2.0, 2.5, 3.0, 7.0},
            "c", new double[] {1.0, 3.0, 4.5, 4.0});

    private static List<Estimate> estimates() {
        Map<String, Optional<Quarter>> treatedFrom = new LinkedHashMap<>();
        treatedFrom.put("a", Optional.of(Q3));
        treatedFrom.put("b", Optional.of(Q4));
        treatedFrom.put("c", Optional.empty());
        return ProgrammeImpact.estimate(treatedFrom, Q1, Q4, (city, q) -> Y.get(city)[q.minus(Q1)]);
    }

    private static Estimate cell(Quarter g, Quarter t) {
        return estimates().stream().filter(e -> e.kind() == Kind.CELL && e.cohort().equals(g) && e.quarter().equals(t))
                .findFirst().orElseThrow();
    }

    private static Estimate eventTime(int e) {
        return estimates().stream().filter(x -> x.kind() == Kind.EVENT_TIME && x.eventTime() == e).findFirst().orElseThrow();
    }

    private static void assertFigures(String estimate, String se, String low, String high, Estimate actual) {
        assertEquals(List.of(new BigDecimal(estimate), new BigDecimal(se), new BigDecimal(low), new BigDecimal(high)),
                List.of(actual.estimate(), actual.standardError(), actual.low(), actual.high()), actual.toString());
    }

    @Test
    @DisplayName("every cell (g, t) with t0 < t and a base quarter in the panel: ATT, SE, interval, sizes")
    void cells() {
        assertFigures("-0.2500", "0.5303", "-1.2894", "0.7894", cell(Q3, Q2));
        assertFigures("2.0000", "0.3536", "1.3070", "2.6930", cell(Q3, Q3));
        assertFigures("3.0000", "0.0000", "3.0000", "3.0000", cell(Q3, Q4));
        assertFigures("-1.0000", "0.3536", "-1.6930", "-0.3070", cell(Q4, Q2));
        assertFigures("-1.0000", "0.0000", "-1.0000", "-1.0000", cell(Q4, Q3));
        assertFigures("4.5000", "0.0000", "4.5000", "4.5000", cell(Q4, Q4));
        assertEquals(6, estimates().stream().filter(e -> e.kind() == Kind.CELL).count(), "t = Q1 has no base in the panel");

        Estimate preTrend = cell(Q3, Q2);
        assertEquals(List.of(Q1, -1, 1, 2, 1), List.of(preTrend.baseQuarter(), preTrend.eventTime(), preTrend.treatedCities(),
                preTrend.controlCities(), preTrend.cohorts()), "before the pilot: base t−1, b not yet treated is a control");
        Estimate late = cell(Q3, Q4);
        assertEquals(List.of(Q2, 1, 1, 1), List.of(late.baseQuarter(), late.eventTime(), late.treatedCities(), late.controlCities()),
                "from the pilot's start: base g−1; b, treated from Q4, is no longer a control");
    }

    @Test
    @DisplayName("the event study weighs each cohort's cell by its cities; the overall estimate every cell from a start")
    void aggregates() {
        assertFigures("-1.0000", "0.3536", "-1.6930", "-0.3070", eventTime(-2));
        assertFigures("-0.6250", "0.2652", "-1.1447", "-0.1053", eventTime(-1));
        assertFigures("3.2500", "0.1768", "2.9035", "3.5965", eventTime(0));
        assertFigures("3.0000", "0.0000", "3.0000", "3.0000", eventTime(1));
        assertEquals(List.of(1, 2, 2, 1), List.of(eventTime(-2).cohorts(), eventTime(-1).cohorts(), eventTime(0).cohorts(),
                eventTime(1).cohorts()));
        assertEquals(List.of(1, 2, 2, 1), List.of(eventTime(-2).treatedCities(), eventTime(-1).treatedCities(),
                eventTime(0).treatedCities(), eventTime(1).treatedCities()));

        Estimate overall = estimates().stream().filter(e -> e.kind() == Kind.OVERALL).findFirst().orElseThrow();
        assertFigures("3.1667", "0.1179", "2.9357", "3.3977", overall);
        assertEquals(List.of(2, 2), List.of(overall.treatedCities(), overall.cohorts()));
        assertEquals(null, overall.controlCities());
        assertEquals(null, overall.eventTime());
    }

    @Test
    @DisplayName("no cell is defined without a control: nothing is estimated")
    void noControls() {
        Map<String, Optional<Quarter>> allTreated = Map.of("a", Optional.of(Q2), "b", Optional.of(Q2));
        assertTrue(ProgrammeImpact.estimate(allTreated, Q1, Q4, (city, q) -> 1.0).isEmpty());
    }

    @Test
    @DisplayName("the outcome is ln(1 + services / 1,000,000)")
    void outcome() {
        assertEquals(0.0, ProgrammeImpact.outcome(new BigDecimal("0.00")));
        assertEquals(0.6931471805599453, ProgrammeImpact.outcome(new BigDecimal("1000000.00")), 1e-15);
        assertEquals(1.252762968495368, ProgrammeImpact.outcome(new BigDecimal("2500000.00")), 1e-15);
    }
}
