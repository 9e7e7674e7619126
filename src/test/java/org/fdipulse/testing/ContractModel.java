package org.fdipulse.testing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;

/**
 * contract section 3 written out again, plainly, for tests: it shares no code with the job, not even the key formats,
 * which it spells out itself. Feed it the input records in arrival order (rates before the events that need them, as
 * the tests send them) and it says what every output topic must hold, as text that {@link Describe} also makes of the
 * job's records.
 */
public final class ContractModel {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Set<String> CITIES = Set.of("beijing", "tianjin", "shanghai", "hainan", "chongqing", "shenyang",
            "nanjing", "hangzhou", "wuhan", "guangzhou", "chengdu", "dalian", "ningbo", "xiamen", "qingdao", "shenzhen",
            "hefei", "fuzhou", "xian", "suzhou", "other");
    static final Set<String> AREAS = Set.of("TELECOM", "HEALTHCARE", "FINANCE", "TRADE", "CULTURE", "TOURISM",
            "MANUFACTURING_SERVICES", "TRANSPORT", "PEOPLE_MOBILITY", "PAYMENTS", "PROFESSIONAL_SERVICES", "DATA_FLOWS",
            "STANDARDS_IP", "GREEN");
    static final List<String> STATUSES = List.of("PLANNED", "IN_PROGRESS", "IMPLEMENTED");
    /** R11: the codes of the shipped economies file, read here from the data itself (the first field of each row). */
    static final Set<String> ECONOMIES = economies();
    private static final BigDecimal LIMIT = new BigDecimal("1E18");

    private record Counted(int revision, String city, String sector, String quarter, BigDecimal amount, boolean withdrawn,
                           String investorType, boolean green, String economy, LocalDate day) {
    }

    /**
     * R11's shipped groups, written out again from the contract: group → economy → [from, to) (null: no bound). The
     * order is the contract's, which the JSON does not keep (its maps are in key order).
     */
    static final Map<String, Map<String, LocalDate[]>> GROUPS = groups();

    private static Map<String, Map<String, LocalDate[]>> groups() {
        Map<String, Map<String, LocalDate[]>> groups = new TreeMap<>();
        Map<String, LocalDate[]> hkMacao = new TreeMap<>();
        for (String code : List.of("HK", "MO")) {
            hkMacao.put(code, new LocalDate[] {null, null});
        }
        Map<String, LocalDate[]> asean = new TreeMap<>();
        for (String code : List.of("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN")) {
            asean.put(code, new LocalDate[] {null, null});
        }
        asean.put("TL", new LocalDate[] {LocalDate.of(2025, 10, 26), null});
        Map<String, LocalDate[]> eu = new TreeMap<>();
        for (String code : List.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HU", "IE",
                "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK")) {
            eu.put(code, new LocalDate[] {null, null});
        }
        eu.put("HR", new LocalDate[] {LocalDate.of(2013, 7, 1), null});
        eu.put("GB", new LocalDate[] {null, LocalDate.of(2020, 2, 1)});
        groups.put("HONG_KONG_MACAO", hkMacao);
        groups.put("ASEAN", asean);
        groups.put("EU", eu);
        return groups;
    }

    private static boolean inGroup(String group, String economy, LocalDate day) {
        LocalDate[] span = GROUPS.get(group).get(economy);
        return span != null && (span[0] == null || !day.isBefore(span[0])) && (span[1] == null || day.isBefore(span[1]));
    }

    static final List<String> INVESTOR_TYPES = List.of("CORPORATE", "INSURANCE", "SOVEREIGN_FUND", "PENSION_FUND",
            "PRIVATE_EQUITY", "OTHER", "UNSPECIFIED");
    static final Set<String> TARGETED = Set.of("INSURANCE", "SOVEREIGN_FUND", "PENSION_FUND");
    /** R9's default thresholds, written out again. */
    static final BigDecimal SHARE_BELOW = new BigDecimal("0.70");
    static final BigDecimal YTD_YOY_BELOW = new BigDecimal("-0.10");
    static final BigDecimal SWING_ABOVE = new BigDecimal("0.10");

    private final String reporting;
    private final Map<String, TreeMap<Instant, BigDecimal>> rates = new HashMap<>();
    private final Map<String, Counted> investments = new HashMap<>();
    private final Map<String, MeasureUpdate> measures = new HashMap<>();
    private final Set<String> cellsEverCounted = new TreeSet<>();
    private final Set<String> scopesEverCounted = new TreeSet<>();
    private final Set<String> progressEverCounted = new TreeSet<>();
    private final Map<String, Integer> deadLetters = new TreeMap<>();

    /** R10: the first quarter of each cohort's pilot, written out again; every other city is never treated. */
    static final Map<String, String> TREATED_FROM = treatedFrom();
    private final Set<String> comparisonCities;

    public ContractModel(String reportingCurrency) {
        this(reportingCurrency, Set.of());
    }

    /** @param comparisonCities cities a user added to the reference data, without a cohort: never treated (R10) */
    public ContractModel(String reportingCurrency, Set<String> comparisonCities) {
        this.reporting = reportingCurrency;
        this.comparisonCities = Set.copyOf(comparisonCities);
    }

    private static Set<String> economies() {
        try (var in = ContractModel.class.getClassLoader().getResourceAsStream("reference/economies.csv")) {
            Set<String> codes = new TreeSet<>();
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.startsWith("code,") && !l.isBlank())
                    .forEach(l -> codes.add(l.substring(0, 2)));
            return codes;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> treatedFrom() {
        Map<String, String> out = new HashMap<>();
        out.put("beijing", "2015-Q2");
        for (String c : List.of("tianjin", "shanghai", "hainan", "chongqing")) {
            out.put(c, "2021-Q2");
        }
        for (String c : List.of("shenyang", "nanjing", "hangzhou", "wuhan", "guangzhou", "chengdu")) {
            out.put(c, "2023-Q1");
        }
        for (String c : List.of("dalian", "ningbo", "xiamen", "qingdao", "shenzhen", "hefei", "fuzhou", "xian", "suzhou")) {
            out.put(c, "2025-Q2");
        }
        return out;
    }

    // ---- input

    public void rate(FxRate r) {
        String currency = upper(r.getCurrency());
        if (r.getCurrency().isBlank()) {
            dead("MISSING_FIELD");
        } else if (!currency.matches("[A-Z]{3}")) {
            dead("INVALID_CURRENCY");
        } else if (digits(r.getUnitsPerUsd()) > 38 || r.getUnitsPerUsd().signum() <= 0 || currency.equals("USD") && r.getUnitsPerUsd().compareTo(BigDecimal.ONE) != 0) {
            dead("INVALID_RATE");
        } else {
            rates.computeIfAbsent(currency, c -> new TreeMap<>()).put(r.getValidFrom(), r.getUnitsPerUsd());
        }
    }

    public void investment(InvestmentEvent e) {
        String reason = reject(e);
        if (reason != null) {
            dead(reason);
            return;
        }
        BigDecimal amount = BigDecimal.ZERO.setScale(2);
        if (!e.getWithdrawn()) {
            amount = convert(e.getAmount(), upper(e.getCurrency()), e.getOccurredAt());
            if (amount == null) {
                dead("NO_FX_RATE");
                return;
            }
            if (amount.compareTo(LIMIT) >= 0) {
                dead("INVALID_AMOUNT");
                return;
            }
        }
        Counted current = investments.get(e.getEventId());
        if (current != null && e.getRevision() <= current.revision()) {
            return;
        }
        ZonedDateTime local = e.getOccurredAt().atZone(SHANGHAI);
        String quarter = local.getYear() + "-Q" + ((local.getMonthValue() + 2) / 3);
        String economy = e.getSourceEconomy() == null || e.getSourceEconomy().isBlank() ? "UNSPECIFIED" : upper(e.getSourceEconomy());
        Counted counted = new Counted(e.getRevision(), lower(e.getCity()), upper(e.getSector()), quarter, amount, e.getWithdrawn(),
                e.getInvestorType() == null ? "UNSPECIFIED" : e.getInvestorType().name(), e.getGreen(), economy,
                local.toLocalDate());
        investments.put(e.getEventId(), counted);
        if (!counted.withdrawn()) {
            cellsEverCounted.add(counted.city() + "|" + counted.sector() + "|" + quarter);
            scopesEverCounted.add(counted.city() + "|" + quarter);
            scopesEverCounted.add("ALL|" + quarter);
        }
    }

    public void measure(MeasureUpdate u) {
        String city = lower(u.getCity());
        if (u.getUpdateId().isBlank() || u.getMeasureId().isBlank() || u.getCity().isBlank()
                || u.getFocusArea().isBlank() || u.getStatus().isBlank()) {
            dead("MISSING_FIELD");
        } else if (tooLong(u.getUpdateId()) || tooLong(u.getMeasureId())) {
            dead("FIELD_TOO_LONG");
        } else if (!CITIES.contains(city) || city.equals("other")) {
            dead("UNKNOWN_CITY");
        } else if (!AREAS.contains(u.getFocusArea())) {
            dead("UNKNOWN_FOCUS_AREA");
        } else if (!STATUSES.contains(u.getStatus())) {
            dead("INVALID_STATUS");
        } else {
            String key = city + "|" + u.getMeasureId();
            MeasureUpdate current = measures.get(key);
            int byTime = current == null ? 1 : u.getOccurredAt().compareTo(current.getOccurredAt());
            if (byTime > 0 || byTime == 0 && u.getUpdateId().compareTo(current.getUpdateId()) > 0) {
                measures.put(key, u);
                for (String scope : List.of(city, "ALL")) {
                    progressEverCounted.add(scope + "|" + u.getFocusArea());
                    progressEverCounted.add(scope + "|ALL");
                }
            }
        }
    }

    // ---- expected outputs

    /** {@code city|sector|quarter} → {@code amount xN}, for every cell that ever counted an investment. */
    public Map<String, String> sectorCells() {
        Map<String, BigDecimal> sums = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Counted c : investments.values()) {
            if (!c.withdrawn()) {
                String cell = c.city() + "|" + c.sector() + "|" + c.quarter();
                sums.merge(cell, c.amount(), BigDecimal::add);
                counts.merge(cell, 1, Integer::sum);
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (String cell : cellsEverCounted) {
            out.put(cell, Describe.cell(sums.getOrDefault(cell, BigDecimal.ZERO), counts.getOrDefault(cell, 0)));
        }
        return out;
    }

    /** {@code scope|quarter} → quarter, TTM and YTD figures, for every scope and quarter that ever counted one. */
    public Map<String, String> shares() {
        Map<String, BigDecimal[]> totals = quarterTotals();
        Map<String, String> out = new TreeMap<>();
        for (String key : scopesEverCounted) {
            String scope = scope(key);
            int index = index(key);
            int year = Math.floorDiv(index, 4);
            BigDecimal[] own = sum(totals, scope, index, index);
            BigDecimal[] ttm = sum(totals, scope, index - 3, index);
            BigDecimal[] ytd = sum(totals, scope, year * 4, index);
            out.put(key, Describe.share(own[0], own[1], ratio(own)) + " ttm " + Describe.share(ttm[0], ttm[1], ratio(ttm))
                    + " ytd " + Describe.share(ytd[0], ytd[1], ratio(ytd)));
        }
        return out;
    }

    /**
     * R10, from the contract's words: key ({@code cell|g|t}, {@code event|e}, {@code overall}) → {estimate, SE, low,
     * high, treated, controls (−1: none), cohorts, base quarter index (−1), event time (Integer.MIN_VALUE: none)}, unrounded.
     */
    public Map<String, double[]> programmeImpact() {
        Map<String, BigDecimal[]> totals = quarterTotals();
        int t0 = Integer.MAX_VALUE;
        int t1 = Integer.MIN_VALUE;
        for (String key : scopesEverCounted) {
            t0 = Math.min(t0, index(key));
            t1 = Math.max(t1, index(key));
        }
        Map<String, double[]> out = new TreeMap<>();
        if (t0 > t1) {
            return out;
        }
        List<String> units = new java.util.ArrayList<>(CITIES);
        units.addAll(comparisonCities);
        java.util.Collections.sort(units);
        Map<String, Integer> from = new HashMap<>();
        units.forEach(c -> {
            if (TREATED_FROM.containsKey(c)) {
                from.put(c, index("x|" + TREATED_FROM.get(c)));
            }
        });
        TreeSet<Integer> cohorts = new TreeSet<>(from.values());
        int n = units.size();
        double[][] y = new double[n][t1 - t0 + 1];
        for (int i = 0; i < n; i++) {
            for (int t = t0; t <= t1; t++) {
                BigDecimal[] st = totals.get(units.get(i) + "|" + quarterText(t));
                boolean recorded = scopesEverCounted.contains(units.get(i) + "|" + quarterText(t));
                y[i][t - t0] = recorded && st != null ? Math.log1p(st[0].doubleValue() / 1e6) : 0.0;
            }
        }
        // cells: (g, t) -> {att, phi[n], |T|, |C|, b}
        Map<Integer, Map<Integer, double[]>> att = new TreeMap<>();
        Map<Integer, Map<Integer, double[]>> phi = new TreeMap<>();
        for (int g : cohorts) {
            for (int t = t0 + 1; t <= t1; t++) {
                int b = t >= g ? g - 1 : t - 1;
                if (b < t0) {
                    continue;
                }
                double sumT = 0;
                double sumC = 0;
                int nT = 0;
                int nC = 0;
                boolean[] inT = new boolean[n];
                boolean[] inC = new boolean[n];
                for (int i = 0; i < n; i++) {
                    Integer f = from.get(units.get(i));
                    double d = y[i][t - t0] - y[i][b - t0];
                    if (f != null && f == g) {
                        inT[i] = true;
                        sumT += d;
                        nT++;
                    } else if (f == null || f > t) {
                        inC[i] = true;
                        sumC += d;
                        nC++;
                    }
                }
                if (nT == 0 || nC == 0) {
                    continue;
                }
                double mT = sumT / nT;
                double mC = sumC / nC;
                double[] p = new double[n];
                for (int i = 0; i < n; i++) {
                    double d = y[i][t - t0] - y[i][b - t0];
                    p[i] = inT[i] ? (d - mT) / nT : inC[i] ? -(d - mC) / nC : 0;
                }
                att.computeIfAbsent(g, k -> new TreeMap<>()).put(t, new double[] {mT - mC, nT, nC, b});
                phi.computeIfAbsent(g, k -> new TreeMap<>()).put(t, p);
            }
        }
        Map<Integer, Integer> cohortSize = new HashMap<>();
        from.values().forEach(g -> cohortSize.merge(g, 1, Integer::sum));
        att.forEach((g, byT) -> byT.forEach((t, a) -> out.put("cell|" + quarterText(g) + "|" + quarterText(t),
                impact(a[0], phi.get(g).get(t), (int) a[1], (int) a[2], 1, (int) a[3], t - g))));
        TreeSet<Integer> eventTimes = new TreeSet<>();
        att.forEach((g, byT) -> byT.keySet().forEach(t -> eventTimes.add(t - g)));
        for (int e : eventTimes) {
            List<int[]> cells = new java.util.ArrayList<>();
            att.forEach((g, byT) -> {
                if (byT.containsKey(g + e)) {
                    cells.add(new int[] {g, g + e});
                }
            });
            out.put("event|" + e, weighted(cells, att, phi, cohortSize, n, e));
        }
        List<int[]> post = new java.util.ArrayList<>();
        att.forEach((g, byT) -> byT.keySet().stream().filter(t -> t >= g).forEach(t -> post.add(new int[] {g, t})));
        if (!post.isEmpty()) {
            out.put("overall", weighted(post, att, phi, cohortSize, n, Integer.MIN_VALUE));
        }
        return out;
    }

    private static double[] weighted(List<int[]> cells, Map<Integer, Map<Integer, double[]>> att,
                                     Map<Integer, Map<Integer, double[]>> phi, Map<Integer, Integer> cohortSize, int n,
                                     int eventTime) {
        double weights = 0;
        for (int[] c : cells) {
            weights += cohortSize.get(c[0]);
        }
        double estimate = 0;
        double[] p = new double[n];
        Set<Integer> contributing = new TreeSet<>();
        for (int[] c : cells) {
            double w = cohortSize.get(c[0]) / weights;
            estimate += w * att.get(c[0]).get(c[1])[0];
            double[] cellPhi = phi.get(c[0]).get(c[1]);
            for (int i = 0; i < n; i++) {
                p[i] += w * cellPhi[i];
            }
            contributing.add(c[0]);
        }
        int treated = contributing.stream().mapToInt(cohortSize::get).sum();
        return impact(estimate, p, treated, -1, contributing.size(), -1, eventTime);
    }

    private static double[] impact(double estimate, double[] phi, int treated, int controls, int cohorts, int base,
                                   int eventTime) {
        double squares = 0;
        for (double v : phi) {
            squares += v * v;
        }
        double se = Math.sqrt(squares);
        return new double[] {estimate, se, estimate - 1.959964 * se, estimate + 1.959964 * se, treated, controls, cohorts,
                base, eventTime};
    }

    /** The quarter of an index (year × 4 + n − 1) as {@code YYYY-Qn}. */
    public static String quarterText(int index) {
        return Math.floorDiv(index, 4) + "-Q" + (Math.floorMod(index, 4) + 1);
    }

    /** {@code scope|quarter} → {services, total} of the counted investments. */
    private Map<String, BigDecimal[]> quarterTotals() {
        Map<String, BigDecimal[]> totals = new HashMap<>();
        for (Counted c : investments.values()) {
            if (c.withdrawn()) {
                continue;
            }
            for (String scope : List.of(c.city(), "ALL")) {
                BigDecimal[] t = totals.computeIfAbsent(scope + "|" + c.quarter(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                t[1] = t[1].add(c.amount());
                if (c.sector().compareTo("F") >= 0) {
                    t[0] = t[0].add(c.amount());
                }
            }
        }
        return totals;
    }

    private static String scope(String scopeQuarter) {
        return scopeQuarter.substring(0, scopeQuarter.indexOf('|'));
    }

    /** Quarters numbered in a row: year × 4 + (n − 1). */
    private static int index(String scopeQuarter) {
        String quarter = scopeQuarter.substring(scopeQuarter.indexOf('|') + 1);
        int year = Integer.parseInt(quarter.substring(0, quarter.lastIndexOf("-Q")));
        return year * 4 + quarter.charAt(quarter.length() - 1) - '0' - 1;
    }

    /** {@code total/services}: each figure ÷ the year-earlier one − 1. */
    private static String yoy(BigDecimal[] now, BigDecimal[] yearEarlier) {
        return text(change(now[1], yearEarlier[1])) + "/" + text(change(now[0], yearEarlier[0]));
    }

    private static BigDecimal change(BigDecimal now, BigDecimal earlier) {
        // Rounding the quotient and then subtracting 1 gives the same digits as rounding the difference: half-even is
        // symmetric, and the last kept digits of x and of 1 - x at a tie have opposite parity.
        return earlier.signum() == 0 ? null : now.divide(earlier, 4, RoundingMode.HALF_EVEN).subtract(BigDecimal.ONE);
    }

    private static String text(BigDecimal value) {
        return value == null ? "null" : value.toPlainString();
    }

    /**
     * {@code scope|quarter} → R7's year-on-year changes, total then services, of the quarter, TTM and YTD:
     * {@code q T/S ttm T/S ytd T/S}, each null when the year-earlier figure is 0.
     */
    public Map<String, String> yearOnYear() {
        Map<String, BigDecimal[]> totals = quarterTotals();
        Map<String, String> out = new TreeMap<>();
        for (String key : scopesEverCounted) {
            String scope = scope(key);
            int index = index(key);
            int year = Math.floorDiv(index, 4);
            String q = yoy(sum(totals, scope, index, index), sum(totals, scope, index - 4, index - 4));
            String ttm = yoy(sum(totals, scope, index - 3, index), sum(totals, scope, index - 7, index - 4));
            String ytd = yoy(sum(totals, scope, year * 4, index), sum(totals, scope, year * 4 - 4, index - 4));
            out.put(key, "q " + q + " ttm " + ttm + " ytd " + ytd);
        }
        return out;
    }

    /**
     * {@code scope|quarter} → R8's capital mix: the seven investor types' amounts, then green, targeted and targeted
     * green with their shares of the total.
     */
    public Map<String, String> capitalMix() {
        Map<String, Map<String, BigDecimal>> byType = new HashMap<>();
        Map<String, BigDecimal[]> greens = new HashMap<>();   // green, targeted green
        for (Counted c : investments.values()) {
            if (c.withdrawn()) {
                continue;
            }
            for (String scope : List.of(c.city(), "ALL")) {
                String key = scope + "|" + c.quarter();
                byType.computeIfAbsent(key, k -> new HashMap<>()).merge(c.investorType(), c.amount(), BigDecimal::add);
                BigDecimal[] g = greens.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                if (c.green()) {
                    g[0] = g[0].add(c.amount());
                    if (TARGETED.contains(c.investorType())) {
                        g[1] = g[1].add(c.amount());
                    }
                }
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (String key : scopesEverCounted) {
            Map<String, BigDecimal> amounts = byType.getOrDefault(key, Map.of());
            BigDecimal[] g = greens.getOrDefault(key, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal targeted = BigDecimal.ZERO;
            StringBuilder text = new StringBuilder();
            for (String type : INVESTOR_TYPES) {
                BigDecimal amount = amounts.getOrDefault(type, BigDecimal.ZERO);
                total = total.add(amount);
                if (TARGETED.contains(type)) {
                    targeted = targeted.add(amount);
                }
                text.append(type).append('=').append(amount.setScale(2)).append(' ');
            }
            out.put(key, Describe.capitalMix(text.toString().trim(), total, g[0], targeted, g[1]));
        }
        return out;
    }

    /**
     * {@code scope|quarter} → R11's source mix, as {@link Describe#sourceMixJson} writes a record: the total and the
     * unspecified amount; per group (every one) amount/share/ytd/ytdShare/ytdYoy; per economy with a non-zero amount in
     * the quarter, its year to date or the year-earlier year to date, amount/ytd/ytdYoy. Group amounts by each event's
     * own date, in both years.
     */
    public Map<String, String> sourceMix() {
        Map<String, Map<String, BigDecimal>> byEconomy = new HashMap<>();   // scope|quarter → economy → amount
        Map<String, Map<String, BigDecimal>> byGroup = new HashMap<>();
        for (Counted c : investments.values()) {
            if (c.withdrawn()) {
                continue;
            }
            for (String scope : List.of(c.city(), "ALL")) {
                String key = scope + "|" + c.quarter();
                byEconomy.computeIfAbsent(key, k -> new HashMap<>()).merge(c.economy(), c.amount(), BigDecimal::add);
                for (String group : GROUPS.keySet()) {
                    if (inGroup(group, c.economy(), c.day())) {
                        byGroup.computeIfAbsent(key, k -> new HashMap<>()).merge(group, c.amount(), BigDecimal::add);
                    }
                }
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (String key : scopesEverCounted) {
            String scope = scope(key);
            int index = index(key);
            int yearStart = Math.floorDiv(index, 4) * 4;
            Map<String, BigDecimal> now = amounts(byEconomy, scope, index, index);
            Map<String, BigDecimal> ytd = amounts(byEconomy, scope, yearStart, index);
            Map<String, BigDecimal> earlier = amounts(byEconomy, scope, yearStart - 4, index - 4);
            Map<String, BigDecimal> groupsNow = amounts(byGroup, scope, index, index);
            Map<String, BigDecimal> groupsYtd = amounts(byGroup, scope, yearStart, index);
            Map<String, BigDecimal> groupsEarlier = amounts(byGroup, scope, yearStart - 4, index - 4);
            BigDecimal total = now.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal ytdTotal = ytd.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            StringBuilder text = new StringBuilder("total " + total.setScale(2) + " unspecified "
                    + now.getOrDefault("UNSPECIFIED", BigDecimal.ZERO).setScale(2) + " groups");
            for (String group : GROUPS.keySet()) {
                BigDecimal amount = groupsNow.getOrDefault(group, BigDecimal.ZERO);
                BigDecimal groupYtd = groupsYtd.getOrDefault(group, BigDecimal.ZERO);
                text.append(' ').append(group).append('=').append(amount.setScale(2)).append('/').append(text(share(amount, total)))
                        .append('/').append(groupYtd.setScale(2)).append('/').append(text(share(groupYtd, ytdTotal)))
                        .append('/').append(text(change(groupYtd, groupsEarlier.getOrDefault(group, BigDecimal.ZERO))));
            }
            text.append(" economies");
            TreeSet<String> listed = new TreeSet<>();
            for (Map<String, BigDecimal> amounts : List.of(now, ytd, earlier)) {
                amounts.forEach((economy, amount) -> {
                    if (amount.signum() != 0 && !economy.equals("UNSPECIFIED")) {
                        listed.add(economy);
                    }
                });
            }
            for (String economy : listed) {
                BigDecimal economyYtd = ytd.getOrDefault(economy, BigDecimal.ZERO);
                text.append(' ').append(economy).append('=').append(now.getOrDefault(economy, BigDecimal.ZERO).setScale(2))
                        .append('/').append(economyYtd.setScale(2))
                        .append('/').append(text(change(economyYtd, earlier.getOrDefault(economy, BigDecimal.ZERO))));
            }
            out.put(key, text.toString());
        }
        return out;
    }

    /** The amounts of a scope's quarters {@code fromIndex..toIndex}, by name, summed. */
    private static Map<String, BigDecimal> amounts(Map<String, Map<String, BigDecimal>> byScopeQuarter, String scope,
                                                   int fromIndex, int toIndex) {
        Map<String, BigDecimal> sum = new HashMap<>();
        for (int i = fromIndex; i <= toIndex; i++) {
            byScopeQuarter.getOrDefault(scope + "|" + quarterText(i), Map.of()).forEach((name, amount) -> sum.merge(name, amount, BigDecimal::add));
        }
        return sum;
    }

    private static BigDecimal share(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_EVEN);
    }

    /**
     * {@code rule|scope|quarter} → the threshold of every alert whose condition holds now (R9, default thresholds).
     * Not its value: the alert's record holds the figure of the moment it began firing, and a figure that moves
     * while the alert stays firing writes nothing.
     */
    public Map<String, String> firingAlerts() {
        Map<String, BigDecimal[]> totals = quarterTotals();
        Map<String, String> out = new TreeMap<>();
        for (String key : scopesEverCounted) {
            String scope = scope(key);
            int index = index(key);
            BigDecimal share = ratio(sum(totals, scope, index, index));
            String previousKey = scope + "|" + Math.floorDiv(index - 1, 4) + "-Q" + (Math.floorMod(index - 1, 4) + 1);
            BigDecimal previous = scopesEverCounted.contains(previousKey) ? ratio(sum(totals, scope, index - 1, index - 1)) : null;
            int year = Math.floorDiv(index, 4);
            BigDecimal ytdYoy = change(sum(totals, scope, year * 4, index)[1], sum(totals, scope, year * 4 - 4, index - 4)[1]);
            String quarter = key.substring(scope.length() + 1);
            if (share != null && share.compareTo(SHARE_BELOW) < 0) {
                out.put("services-share-below|" + scope + "|" + quarter, "0.7000");
            }
            if (ytdYoy != null && ytdYoy.compareTo(YTD_YOY_BELOW) < 0) {
                out.put("ytd-yoy-below|" + scope + "|" + quarter, "-0.1000");
            }
            if (share != null && previous != null && share.subtract(previous).abs().compareTo(SWING_ABOVE) > 0) {
                out.put("share-swing-above|" + scope + "|" + quarter, "0.1000");
            }
        }
        return out;
    }

    /** {@code scope|focusArea} → counts and rate, for every key that ever counted a measure. */
    public Map<String, String> progress() {
        Map<String, int[]> counts = new HashMap<>();
        for (MeasureUpdate u : measures.values()) {
            int status = STATUSES.indexOf(u.getStatus());
            for (String scope : List.of(lower(u.getCity()), "ALL")) {
                for (String area : List.of(u.getFocusArea(), "ALL")) {
                    counts.computeIfAbsent(scope + "|" + area, k -> new int[3])[status]++;
                }
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (String key : progressEverCounted) {
            int[] c = counts.getOrDefault(key, new int[3]);
            int total = c[0] + c[1] + c[2];
            BigDecimal rate = total == 0 ? null : BigDecimal.valueOf(c[2]).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_EVEN);
            out.put(key, Describe.progress(c[0], c[1], c[2], total, rate));
        }
        return out;
    }

    /** R6 code → how many records went to the dead-letter topic with it. */
    public Map<String, Integer> deadLetters() {
        return deadLetters;
    }

    // ---- the rules, plainly

    private String reject(InvestmentEvent e) {
        if (e.getEventId().isBlank() || e.getCity().isBlank() || e.getSector().isBlank() || e.getCurrency().isBlank()) {
            return "MISSING_FIELD";
        }
        if (tooLong(e.getEventId())) {
            return "FIELD_TOO_LONG";
        }
        if (e.getRevision() < 0) {
            return "MALFORMED";
        }
        if (!CITIES.contains(lower(e.getCity())) && !comparisonCities.contains(lower(e.getCity()))) {
            return "UNKNOWN_CITY";
        }
        if (!upper(e.getSector()).matches("[A-T]")) {
            return "UNKNOWN_SECTOR";
        }
        if (e.getSourceEconomy() != null && !e.getSourceEconomy().isBlank()
                && !ECONOMIES.contains(upper(e.getSourceEconomy()))) {
            return "UNKNOWN_ECONOMY";
        }
        if (digits(e.getAmount()) > 38 || !e.getWithdrawn() && (e.getAmount().signum() <= 0 || e.getAmount().compareTo(LIMIT) >= 0)) {
            return "INVALID_AMOUNT";
        }
        if (!upper(e.getCurrency()).matches("[A-Z]{3}")) {
            return "INVALID_CURRENCY";
        }
        return null;
    }

    /** Digits of the unscaled value, counted as text: plainly, whatever it costs. */
    private static int digits(BigDecimal value) {
        return value.unscaledValue().abs().toString().length();
    }

    private static boolean tooLong(String id) {
        return id.codePointCount(0, id.length()) > 128;
    }

    private BigDecimal convert(BigDecimal amount, String currency, Instant at) {
        if (currency.equals(reporting)) {
            return amount;
        }
        BigDecimal to = rateAt(reporting, at);
        BigDecimal from = rateAt(currency, at);
        return to == null || from == null ? null : amount.multiply(to).divide(from, 2, RoundingMode.HALF_EVEN);
    }

    private BigDecimal rateAt(String currency, Instant at) {
        if (currency.equals("USD")) {
            return BigDecimal.ONE;
        }
        TreeMap<Instant, BigDecimal> history = rates.get(currency);
        var entry = history == null ? null : history.floorEntry(at);
        return entry == null ? null : entry.getValue();
    }

    private static BigDecimal[] sum(Map<String, BigDecimal[]> totals, String scope, int fromIndex, int toIndex) {
        BigDecimal[] sum = {BigDecimal.ZERO, BigDecimal.ZERO};
        for (int i = fromIndex; i <= toIndex; i++) {
            BigDecimal[] t = totals.get(scope + "|" + Math.floorDiv(i, 4) + "-Q" + (Math.floorMod(i, 4) + 1));
            if (t != null) {
                sum[0] = sum[0].add(t[0]);
                sum[1] = sum[1].add(t[1]);
            }
        }
        return sum;
    }

    private static BigDecimal ratio(BigDecimal[] servicesAndTotal) {
        return servicesAndTotal[1].signum() == 0 ? null : servicesAndTotal[0].divide(servicesAndTotal[1], 4, RoundingMode.HALF_EVEN);
    }

    private void dead(String reason) {
        deadLetters.merge(reason, 1, Integer::sum);
    }

    private static String lower(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.trim().toCharArray()) {
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }

    private static String upper(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.trim().toCharArray()) {
            b.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return b.toString();
    }
}
