package org.fdipulse.generate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.InvestorType;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.rules.Quarter;

/**
 * {@code official-2024-2025}: individual CNY investments whose national year-to-date sums equal MOFCOM's published
 * figures of contract section 1 to the yuan, spread over the 21 city codes and the 20 sectors; CNY rates (7.2883 per USD
 * throughout 2025-Q1); and the 155 measures of the nine 2025 pilot cities progressing over 2025.
 *
 * <p>The table gives services only from January-September 2024 on, so 2024-Q1 and Q2 services are a split of the
 * nine-month figure in proportion to the quarters' totals; every published figure is met exactly.
 *
 * <p>Source economies (R11). MOFCOM published 2025's growth of FDI from Switzerland (+66.8%), the United Arab Emirates
 * (+27.3%) and the United Kingdom (+15.9%), not the amounts: {@link #PINNED} gives CH, AE and GB illustrative levels
 * whose 2025 totals are exactly 1.668, 1.273 and 1.159 times their 2024 totals, so {@code ALL|2025-Q4} shows
 * {@code ytdYoy} 0.6680, 0.2730 and 0.1590. Each pinned amount is carved out of the quarter's largest investments
 * (at most half of any one), as a second investment with the parent's city, sector, time, investor type and green
 * flag: every sum by city, sector, quarter, investor type and green flag stays what it was, and so does every figure
 * of R4 and R7-R10 (only {@code fdi.sector-summary}'s count of investments grows, in the few cells carved from).
 * Every other investment gets an illustrative economy by the shares of {@link #SPREAD}, assigned without drawing
 * anything (no draw of the amounts, cities, sectors, times or measures moves): Hong Kong dominant, some Macao,
 * Singapore and other ASEAN, EU members (DE, FR, NL), Japan, Korea, the United States, the British Virgin Islands as a
 * "free port", and some naming none. CH, AE and GB come only from the pinned amounts. None of these levels, nor the
 * spread, is a published figure.
 */
public final class OfficialScenario {

    public static final String NAME = "official-2024-2025";

    /** Per quarter, in yuan: total and services. Derived from the cumulative table of contract section 1. */
    static final List<QuarterFigures> QUARTERS = List.of(
            new QuarterFigures("2024-Q1", "301670000000.00", "210090000000.00"),
            new QuarterFigures("2024-Q2", "197240000000.00", "137360000000.00"),
            new QuarterFigures("2024-Q3", "141690000000.00", "98680000000.00"),
            new QuarterFigures("2024-Q4", "185650000000.00", "138430000000.00"),
            new QuarterFigures("2025-Q1", "269230000000.00", "193330000000.00"),
            new QuarterFigures("2025-Q2", "154000000000.00", "112540000000.00"),
            new QuarterFigures("2025-Q3", "150520000000.00", "105060000000.00"),
            new QuarterFigures("2025-Q4", "173940000000.00", "134190000000.00"));

    record QuarterFigures(String quarter, String total, String services) {
    }

    static final List<String> CITIES = List.of("beijing", "tianjin", "shanghai", "hainan", "chongqing", "shenyang",
            "nanjing", "hangzhou", "wuhan", "guangzhou", "chengdu", "dalian", "ningbo", "xiamen", "qingdao", "shenzhen",
            "hefei", "fuzhou", "xian", "suzhou", "other");
    static final List<String> COHORT_2025 = List.of("dalian", "ningbo", "xiamen", "qingdao", "shenzhen", "hefei",
            "fuzhou", "xian", "suzhou");
    static final List<String> FOCUS_AREAS = List.of("TELECOM", "HEALTHCARE", "FINANCE", "TRADE", "CULTURE", "TOURISM",
            "MANUFACTURING_SERVICES", "TRANSPORT", "PEOPLE_MOBILITY", "PAYMENTS", "PROFESSIONAL_SERVICES", "DATA_FLOWS",
            "STANDARDS_IP", "GREEN");
    static final int MEASURES = 155;
    private static final String SERVICES = "FGHIJKLMNOPQRST";
    private static final String INDUSTRY = "ABCDE";
    private static final int SERVICE_INVESTMENTS_PER_QUARTER = 110;
    private static final int INDUSTRY_INVESTMENTS_PER_QUARTER = 50;

    /**
     * R11's pinned sources, in yuan per quarter from 2024-Q1 to 2025-Q4. The levels are illustrative; only the growth of
     * the 2025 totals on the 2024 totals is MOFCOM's: CH 8.34 bn ÷ 5.00 bn = 1.668, AE 3.819 bn ÷ 3.00 bn = 1.273,
     * GB 9.272 bn ÷ 8.00 bn = 1.159.
     */
    static final Map<String, List<String>> PINNED = pinned();

    private static Map<String, List<String>> pinned() {
        Map<String, List<String>> pinned = new LinkedHashMap<>();
        pinned.put("CH", List.of("1100000000.00", "1300000000.00", "1200000000.00", "1400000000.00",
                "1900000000.00", "2100000000.00", "2000000000.00", "2340000000.00"));
        pinned.put("AE", List.of("700000000.00", "800000000.00", "600000000.00", "900000000.00",
                "900000000.00", "1000000000.00", "850000000.00", "1069000000.00"));
        pinned.put("GB", List.of("2000000000.00", "1800000000.00", "2100000000.00", "2100000000.00",
                "2300000000.00", "2400000000.00", "2200000000.00", "2372000000.00"));
        return Collections.unmodifiableMap(pinned);
    }

    /**
     * The illustrative sources of the rest of each quarter's amount (after the pinned carve-outs), in per mille of it,
     * in 2024 and in 2025; "" is no source economy (UNSPECIFIED). Each quarter's investments, largest first, go to the
     * economy furthest below its share so far, so a quarter's amounts by economy come close to these shares and the
     * year-on-year changes they give (about share2025 ÷ share2024 × 0.896 − 1: the rest fell 10.4%) are steady
     * rather than noise: Hong Kong −8%, Singapore about 0, Japan −24%, the Virgin Islands −7%, for example.
     */
    static final List<Spread> SPREAD = List.of(
            new Spread("HK", 630, 645), new Spread("MO", 10, 10), new Spread("SG", 50, 56), new Spread("MY", 8, 9),
            new Spread("TH", 6, 6), new Spread("VN", 6, 8), new Spread("ID", 5, 5), new Spread("DE", 40, 36),
            new Spread("FR", 12, 11), new Spread("NL", 25, 22), new Spread("JP", 45, 38), new Spread("KR", 40, 35),
            new Spread("US", 30, 28), new Spread("VG", 60, 62), new Spread("", 33, 29));

    record Spread(String economy, int perMille2024, int perMille2025) {
        int perMille(int year) {
            return year <= 2024 ? perMille2024 : perMille2025;
        }
    }

    private OfficialScenario() {
    }

    public static Scenario generate(long seed) {
        Random random = new Random(seed);
        List<InvestmentEvent> investments = new ArrayList<>();
        for (int n = 0; n < QUARTERS.size(); n++) {
            QuarterFigures q = QUARTERS.get(n);
            long servicesFen = fen(q.services());
            long industryFen = fen(q.total()) - servicesFen;
            Quarter quarter = Quarter.parse(q.quarter());
            List<InvestmentEvent> inQuarter = new ArrayList<>();
            addInvestments(inQuarter, random, quarter, servicesFen, SERVICE_INVESTMENTS_PER_QUARTER, SERVICES);
            addInvestments(inQuarter, random, quarter, industryFen, INDUSTRY_INVESTMENTS_PER_QUARTER, INDUSTRY);
            List<InvestmentEvent> carved = carvePinned(inQuarter, n);
            assignSpread(inQuarter, quarter.year());
            investments.addAll(inQuarter);
            investments.addAll(carved);
        }
        investments.sort(Comparator.comparing(InvestmentEvent::getOccurredAt));
        return new Scenario(rates(), investments, measures(random));
    }

    /** CNY per USD: a rate from the first day of each quarter, 7.2883 throughout 2025-Q1. */
    static List<FxRate> rates() {
        String[][] cny = {
                {"2023-12-31T16:00:00Z", "7.107500"}, {"2024-03-31T16:00:00Z", "7.126800"},
                {"2024-06-30T16:00:00Z", "7.133500"}, {"2024-09-30T16:00:00Z", "7.128700"},
                {"2024-12-31T16:00:00Z", "7.288300"}, {"2025-03-31T16:00:00Z", "7.209900"},
                {"2025-06-30T16:00:00Z", "7.165300"}, {"2025-09-30T16:00:00Z", "7.118400"}};
        List<FxRate> rates = new ArrayList<>();
        for (String[] r : cny) {
            rates.add(new FxRate("CNY", new BigDecimal(r[1]), Instant.parse(r[0])));
        }
        return rates;
    }

    private static void addInvestments(List<InvestmentEvent> out, Random random, Quarter quarter, long totalFen,
                                       int count, String sectors) {
        long[] parts = Split.positiveParts(totalFen, count, random);
        Instant start = quarterStart(quarter);
        long span = quarterStart(quarter.plus(1)).getEpochSecond() - start.getEpochSecond();
        for (int i = 0; i < count; i++) {
            InvestorType type = investorType(i);
            String id = String.format("off-%s-%s-%03d", quarter, sectors.equals(SERVICES) ? "s" : "i", i);
            out.add(InvestmentEvent.newBuilder()
                    .setEventId(id)
                    .setCity(CITIES.get(random.nextInt(CITIES.size())))
                    .setSector(String.valueOf(sectors.charAt(random.nextInt(sectors.length()))))
                    .setAmount(BigDecimal.valueOf(parts[i], 2))
                    .setCurrency("CNY")
                    .setOccurredAt(start.plusSeconds((long) (random.nextDouble() * span)))
                    .setInvestorType(type)
                    .setGreen(isGreen(quarter, type, i))
                    .build());
        }
    }

    /**
     * Gives each of a quarter's investments (its pinned carve-outs apart) an economy of {@link #SPREAD}: largest first
     * (ties by eventId), each to the economy with the most of its share of the quarter's amount still to fill (ties:
     * the first listed).
     */
    private static void assignSpread(List<InvestmentEvent> quarter, int year) {
        if (SPREAD.stream().mapToInt(s -> s.perMille(year)).sum() != 1000) {
            throw new IllegalStateException("the spread's shares of " + year + " do not add up to 1000 per mille");
        }
        List<InvestmentEvent> largest = new ArrayList<>(quarter);
        largest.sort(Comparator.comparing(InvestmentEvent::getAmount).reversed()
                .thenComparing(InvestmentEvent::getEventId));
        BigDecimal total = largest.stream().map(InvestmentEvent::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal[] left = SPREAD.stream().map(s -> total.multiply(BigDecimal.valueOf(s.perMille(year), 3)))
                .toArray(BigDecimal[]::new);
        for (InvestmentEvent e : largest) {
            int to = 0;
            for (int k = 1; k < left.length; k++) {
                if (left[k].compareTo(left[to]) > 0) {
                    to = k;
                }
            }
            left[to] = left[to].subtract(e.getAmount());
            String economy = SPREAD.get(to).economy();
            e.setSourceEconomy(economy.isEmpty() ? null : economy);
        }
    }

    /**
     * The quarter's pinned amounts ({@link #PINNED}, the {@code n}th quarter), each taken from the quarter's largest
     * investments, largest first (ties by eventId), at most half of any one, and each pinned economy starting on an
     * investment of its own. The parent keeps the rest; the new investment, {@code <parent's eventId>-<economy>}, has
     * the parent's city, sector, time, investor type and green flag. Returns the new investments.
     */
    private static List<InvestmentEvent> carvePinned(List<InvestmentEvent> quarter, int n) {
        List<InvestmentEvent> largest = new ArrayList<>(quarter);
        largest.sort(Comparator.comparing(InvestmentEvent::getAmount).reversed()
                .thenComparing(InvestmentEvent::getEventId));
        long[] room = largest.stream().mapToLong(e -> fen(e.getAmount()) / 2).toArray();
        List<InvestmentEvent> carved = new ArrayList<>();
        int parent = 0;
        for (Map.Entry<String, List<String>> pin : PINNED.entrySet()) {
            long need = fen(pin.getValue().get(n));
            while (need > 0) {
                if (parent == largest.size()) {
                    throw new IllegalStateException("quarter " + QUARTERS.get(n).quarter() + " is too small for "
                            + pin.getKey() + "'s pinned amount");
                }
                InvestmentEvent from = largest.get(parent);
                long take = Math.min(need, room[parent]);
                if (take > 0) {
                    from.setAmount(from.getAmount().subtract(BigDecimal.valueOf(take, 2)));
                    carved.add(InvestmentEvent.newBuilder()
                            .setEventId(from.getEventId() + "-" + pin.getKey().toLowerCase())
                            .setCity(from.getCity())
                            .setSector(from.getSector())
                            .setAmount(BigDecimal.valueOf(take, 2))
                            .setCurrency(from.getCurrency())
                            .setOccurredAt(from.getOccurredAt())
                            .setInvestorType(from.getInvestorType())
                            .setGreen(from.getGreen())
                            .setSourceEconomy(pin.getKey())
                            .build());
                    need -= take;
                    room[parent] -= take;
                }
                if (room[parent] == 0 || need == 0) {
                    parent++;
                }
            }
        }
        return carved;
    }

    /**
     * The capital mix, the same in every quarter and sector group, by the investment's place in its quarter's list
     * (counts, not amounts: the amounts are random): of every 20, 11 CORPORATE, 3 PRIVATE_EQUITY, one each of
     * INSURANCE, SOVEREIGN_FUND, PENSION_FUND and OTHER, and 2 naming no investor type (as v1 producers send).
     */
    static InvestorType investorType(int index) {
        int slot = index % 20;
        if (slot < 11) {
            return InvestorType.CORPORATE;
        }
        if (slot < 14) {
            return InvestorType.PRIVATE_EQUITY;
        }
        return switch (slot) {
            case 14 -> InvestorType.INSURANCE;
            case 15 -> InvestorType.SOVEREIGN_FUND;
            case 16 -> InvestorType.PENSION_FUND;
            case 17 -> InvestorType.OTHER;
            default -> null;
        };
    }

    /**
     * Green: one investment in five, and in 2025, as the programme begins to court them, every investment of the
     * targeted investors (insurance firms, sovereign and pension funds) too.
     */
    static boolean isGreen(Quarter quarter, InvestorType type, int index) {
        boolean targeted = type == InvestorType.INSURANCE || type == InvestorType.SOVEREIGN_FUND
                || type == InvestorType.PENSION_FUND;
        return index % 5 == 0 || quarter.year() >= 2025 && targeted;
    }

    private static List<MeasureUpdate> measures(Random random) {
        List<MeasureUpdate> updates = new ArrayList<>();
        Instant year = Instant.parse("2024-12-31T16:00:00Z");
        long day = 86_400;
        for (String city : COHORT_2025) {
            for (int m = 1; m <= MEASURES; m++) {
                String measureId = String.format("M-%03d", m);
                String area = FOCUS_AREAS.get((m - 1) % FOCUS_AREAS.size());
                String prefix = "u-" + city + "-" + measureId + "-";
                updates.add(new MeasureUpdate(prefix + 1, measureId, city, area, "PLANNED",
                        year.plusSeconds(day * random.nextInt(59) + random.nextInt((int) day))));
                if (random.nextInt(4) != 0) {
                    updates.add(new MeasureUpdate(prefix + 2, measureId, city, area, "IN_PROGRESS",
                            year.plusSeconds(day * (60 + random.nextInt(180)) + random.nextInt((int) day))));
                    if (random.nextInt(5) < 3) {
                        updates.add(new MeasureUpdate(prefix + 3, measureId, city, area, "IMPLEMENTED",
                                year.plusSeconds(day * (245 + random.nextInt(115)) + random.nextInt((int) day))));
                    }
                }
            }
        }
        updates.sort(Comparator.comparing(MeasureUpdate::getOccurredAt));
        return updates;
    }

    private static Instant quarterStart(Quarter q) {
        return LocalDate.of(q.year(), (q.number() - 1) * 3 + 1, 1).atStartOfDay(Quarter.ZONE).toInstant();
    }

    private static long fen(String yuan) {
        return fen(new BigDecimal(yuan));
    }

    private static long fen(BigDecimal yuan) {
        return yuan.movePointRight(2).longValueExact();
    }
}
