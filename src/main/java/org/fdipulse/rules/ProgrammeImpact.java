package org.fdipulse.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * R10: did the pilot move services FDI? A difference in differences per cohort and quarter against the cities not
 * (yet) in the pilot — Callaway and Sant'Anna's estimator for staggered adoption, with not-yet-treated and
 * never-treated controls and a varying base period — aggregated into an event study and an overall estimate, each
 * with an influence-function standard error and a 95% interval (docs/contract.md, section 9; docs/figures.md says
 * what the figures mean and where they mislead).
 *
 * <p>Everything is computed in double precision, as the contract fixes, from the outcome of each city and quarter;
 * only the published figures are rounded, half-even to 4 decimals. The whole panel is recomputed each time: it is
 * cities × quarters (about 20 × 50), so a recomputation is a few thousand additions.
 */
public final class ProgrammeImpact {

    /** The outcome's name, as every estimate carries it. */
    public static final String OUTCOME = "ln(1+services/1e6)";
    /** The 97.5% quantile of the standard normal distribution. */
    static final double Z_975 = 1.959964;
    private static final int SCALE = 4;

    public enum Kind { CELL, EVENT_TIME, OVERALL }

    /**
     * One published estimate.
     *
     * @param cohort        the cohort's first treated quarter g (a CELL's only)
     * @param quarter       the quarter t (a CELL's only)
     * @param baseQuarter   the base quarter b (a CELL's only)
     * @param eventTime     t − g in quarters (CELL and EVENT_TIME)
     * @param treatedCities |T| for a CELL; else the cities of the distinct contributing cohorts
     * @param controlCities |C| for a CELL; else null
     * @param cohorts       the number of distinct contributing cohorts (1 for a CELL)
     */
    public record Estimate(Kind kind, Quarter cohort, Quarter quarter, Quarter baseQuarter, Integer eventTime,
                           BigDecimal estimate, BigDecimal standardError, BigDecimal low, BigDecimal high,
                           int treatedCities, Integer controlCities, int cohorts) {
    }

    /** One defined cell ATT(g,t) before rounding, with its influence terms per city. */
    private record Cell(Quarter cohort, Quarter quarter, Quarter base, double att, Map<String, Double> influence,
                        int treated, int controls) {
    }

    private ProgrammeImpact() {
    }

    /** Y = ln(1 + S / 1,000,000), S the services amount of a city's quarter in the reporting currency. */
    public static double outcome(BigDecimal services) {
        return Math.log(1 + services.doubleValue() / 1_000_000);
    }

    /**
     * Every defined estimate of the panel t0…t1: the cells by cohort then quarter, the event study by event time, then
     * the overall estimate (when some cell after the start of a pilot is defined).
     *
     * @param treatedFrom each city of the reference data with its first treated quarter; empty: never treated
     * @param outcome     Y(city, quarter), the outcome of a quarter without a share record included (0)
     */
    public static List<Estimate> estimate(Map<String, Optional<Quarter>> treatedFrom, Quarter t0, Quarter t1,
                                          BiFunction<String, Quarter, Double> outcome) {
        Map<Quarter, List<String>> cohorts = new TreeMap<>();
        treatedFrom.forEach((city, g) -> g.ifPresent(q -> cohorts.computeIfAbsent(q, k -> new ArrayList<>()).add(city)));
        List<Cell> cells = new ArrayList<>();
        cohorts.forEach((g, treated) -> {
            for (Quarter t = t0.plus(1); t.compareTo(t1) <= 0; t = t.plus(1)) {
                cell(g, t, treated, treatedFrom, t0, outcome).ifPresent(cells::add);
            }
        });
        List<Estimate> estimates = new ArrayList<>();
        cells.forEach(c -> estimates.add(rounded(Kind.CELL, c.cohort, c.quarter, c.base, c.quarter.minus(c.cohort),
                c.att, standardError(c.influence), c.treated, c.controls, 1)));
        Map<Integer, List<Cell>> byEventTime = new TreeMap<>();
        cells.forEach(c -> byEventTime.computeIfAbsent(c.quarter.minus(c.cohort), e -> new ArrayList<>()).add(c));
        byEventTime.forEach((e, ofE) -> estimates.add(aggregate(Kind.EVENT_TIME, e, ofE, cohorts)));
        List<Cell> afterStart = cells.stream().filter(c -> c.quarter.compareTo(c.cohort) >= 0).toList();
        if (!afterStart.isEmpty()) {
            estimates.add(aggregate(Kind.OVERALL, null, afterStart, cohorts));
        }
        return estimates;
    }

    /**
     * ATT(g,t) = m_T − m_C over the changes d = Y(t) − Y(b), b = g−1 from the pilot's start on, else t−1; controls are
     * the cities never treated or treated after t, cohort g's own excluded. Undefined when b precedes t0 or a side
     * is empty.
     */
    private static Optional<Cell> cell(Quarter g, Quarter t, List<String> treated, Map<String, Optional<Quarter>> treatedFrom,
                                       Quarter t0, BiFunction<String, Quarter, Double> outcome) {
        Quarter base = t.compareTo(g) >= 0 ? g.plus(-1) : t.plus(-1);
        if (base.compareTo(t0) < 0) {
            return Optional.empty();
        }
        List<String> controls = new ArrayList<>();
        treatedFrom.forEach((city, from) -> {
            if (from.map(f -> !f.equals(g) && f.compareTo(t) > 0).orElse(true)) {
                controls.add(city);
            }
        });
        if (treated.isEmpty() || controls.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> changeT = changes(treated, t, base, outcome);
        Map<String, Double> changeC = changes(controls, t, base, outcome);
        double meanT = mean(changeT);
        double meanC = mean(changeC);
        Map<String, Double> influence = new LinkedHashMap<>();
        changeT.forEach((city, d) -> influence.put(city, (d - meanT) / changeT.size()));
        changeC.forEach((city, d) -> influence.put(city, -(d - meanC) / changeC.size()));
        return Optional.of(new Cell(g, t, base, meanT - meanC, influence, changeT.size(), changeC.size()));
    }

    /**
     * θ = Σ w_c ATT(c) with w_c = N_g(c) / Σ N_g(c') over the cells given; its influence terms are the weighted sums
     * of theirs, city by city.
     */
    private static Estimate aggregate(Kind kind, Integer eventTime, List<Cell> cells, Map<Quarter, List<String>> cohorts) {
        double totalWeight = 0;
        for (Cell c : cells) {
            totalWeight += cohorts.get(c.cohort).size();
        }
        double estimate = 0;
        Map<String, Double> influence = new LinkedHashMap<>();
        TreeSet<Quarter> contributing = new TreeSet<>();
        for (Cell c : cells) {
            double w = cohorts.get(c.cohort).size() / totalWeight;
            estimate += w * c.att;
            c.influence.forEach((city, phi) -> influence.merge(city, w * phi, Double::sum));
            contributing.add(c.cohort);
        }
        int treatedCities = contributing.stream().mapToInt(g -> cohorts.get(g).size()).sum();
        return rounded(kind, null, null, null, eventTime, estimate, standardError(influence), treatedCities, null,
                contributing.size());
    }

    private static Map<String, Double> changes(List<String> cities, Quarter t, Quarter base,
                                               BiFunction<String, Quarter, Double> outcome) {
        Map<String, Double> d = new LinkedHashMap<>();
        cities.forEach(city -> d.put(city, outcome.apply(city, t) - outcome.apply(city, base)));
        return d;
    }

    private static double mean(Map<String, Double> values) {
        double sum = 0;
        for (double v : values.values()) {
            sum += v;
        }
        return sum / values.size();
    }

    private static double standardError(Map<String, Double> influence) {
        double sum = 0;
        for (double phi : influence.values()) {
            sum += phi * phi;
        }
        return Math.sqrt(sum);
    }

    /** The interval from the unrounded figures; then every figure rounded half-even to 4 decimals. */
    private static Estimate rounded(Kind kind, Quarter cohort, Quarter quarter, Quarter base, Integer eventTime,
                                    double estimate, double se, int treated, Integer controls, int cohorts) {
        return new Estimate(kind, cohort, quarter, base, eventTime, round(estimate), round(se),
                round(estimate - Z_975 * se), round(estimate + Z_975 * se), treated, controls, cohorts);
    }

    private static BigDecimal round(double value) {
        return new BigDecimal(value).setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}
