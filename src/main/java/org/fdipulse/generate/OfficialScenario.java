package org.fdipulse.generate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    private OfficialScenario() {
    }

    public static Scenario generate(long seed) {
        Random random = new Random(seed);
        List<InvestmentEvent> investments = new ArrayList<>();
        for (QuarterFigures q : QUARTERS) {
            long servicesFen = fen(q.services());
            long industryFen = fen(q.total()) - servicesFen;
            Quarter quarter = Quarter.parse(q.quarter());
            addInvestments(investments, random, quarter, servicesFen, SERVICE_INVESTMENTS_PER_QUARTER, SERVICES);
            addInvestments(investments, random, quarter, industryFen, INDUSTRY_INVESTMENTS_PER_QUARTER, INDUSTRY);
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
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }
}
