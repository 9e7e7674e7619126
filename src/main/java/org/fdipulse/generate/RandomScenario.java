package org.fdipulse.generate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.InvestorType;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.reference.ReferenceData;

/**
 * {@code random}: a data set of any size for tests and benchmarks, exercising every rule. Besides new investments it
 * holds duplicates (about 8%), revisions that may move an investment anywhere or withdraw it (about 12%), and records
 * the rules reject (about 5%: unknown city or sector, amount 0, an eventId over 128 characters, a currency that is
 * not three letters, a currency before its first rate). Investments come from every investor type or none, a third
 * of them green, and revisions draw both again (R8); over two years of uneven cities and sectors, every alert rule
 * fires somewhere and some resolve as later input arrives (R9). Investments name a source economy or none (R11):
 * Hong Kong most often, then others in and out of the groups, Timor-Leste on both sides of its joining ASEAN on
 * 2025-10-26, codes in any case and with spaces; about 3% of inputs are revisions that change only the source economy,
 * and an unknown code is among the rejects, withdrawals included. Measure updates arrive out of order, with occurredAt ties and
 * some rejects (a measureId over 128 characters among them); two rates are invalid.
 */
public final class RandomScenario {

    public static final String NAME = "random";

    static final List<String> CITIES = OfficialScenario.CITIES;
    /** The shipped sector file's letters: the files are meant for a job that runs with the shipped reference data. */
    private static final List<String> SECTORS = ReferenceData.load(new Properties()).sectorLetters();
    private static final List<String> CURRENCIES = List.of("CNY", "CNY", "USD", "EUR", "JPY");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final long SPAN_SECONDS = 2L * 365 * 86_400;
    /** R11: weighted by repetition; null and blank name no economy. */
    private static final List<String> SOURCES = java.util.Arrays.asList("HK", "HK", "HK", "HK", "HK", " hk", "MO", "SG",
            "sg ", "VN", "TL", "TL", "ID", "DE", "FR", "NL", "GB", "CH", "AE", "US", "JP", "KR", "VG", "KY", null, null,
            null, "");

    private RandomScenario() {
    }

    public static Scenario generate(long seed, int investments) {
        return generate(seed, investments, "r-");
    }

    /** @param idPrefix starts every new eventId, so that scenarios generated in parts never share one */
    public static Scenario generate(long seed, int investments, String idPrefix) {
        Random random = new Random(seed);
        return new Scenario(rates(), investments(random, investments, idPrefix), measures(random, Math.max(10, investments / 4)));
    }

    private static List<FxRate> rates() {
        List<FxRate> rates = new ArrayList<>();
        for (int month = 0; month < 24; month++) {
            Instant from = Instant.parse(String.format("%d-%02d-01T00:00:00Z", 2024 + month / 12, month % 12 + 1));
            rates.add(new FxRate("CNY", new BigDecimal(String.format("7.%06d", 100_000 + month * 7_919)), from));
            rates.add(new FxRate("JPY", new BigDecimal(String.format("%d.%06d", 140 + month % 9, month * 31_337)), from));
            if (month >= 5) { // EUR only from June 2024: earlier EUR events are NO_FX_RATE
                rates.add(new FxRate("eur", new BigDecimal(String.format("0.9%05d", month * 211)), from));
            }
        }
        rates.add(new FxRate("GBP", new BigDecimal("0.000000"), START));  // INVALID_RATE
        rates.add(new FxRate("EU", new BigDecimal("0.900000"), START));   // INVALID_CURRENCY
        return rates;
    }

    private static List<InvestmentEvent> investments(Random random, int count, String idPrefix) {
        List<InvestmentEvent> out = new ArrayList<>();
        int nextId = 0;
        while (out.size() < count) {
            int dice = random.nextInt(100);
            if (dice < 8 && !out.isEmpty()) {
                out.add(InvestmentEvent.newBuilder(out.get(random.nextInt(out.size()))).build());
            } else if (dice < 20 && !out.isEmpty()) {
                InvestmentEvent earlier = out.get(random.nextInt(out.size()));
                InvestmentEvent revision = fresh(random, earlier.getEventId());
                revision.setRevision(earlier.getRevision() + 1 + random.nextInt(2) - (random.nextInt(6) == 0 ? 2 : 0));
                revision.setWithdrawn(random.nextInt(4) == 0);
                if (revision.getWithdrawn() && random.nextInt(10) == 0) {
                    revision.setSourceEconomy("QQ");   // UNKNOWN_ECONOMY on a withdrawal: rejected, as for city and sector
                }
                if (revision.getRevision() >= 0) {
                    out.add(revision);
                }
            } else if (dice < 23 && !out.isEmpty()) {
                // a revision of the source economy alone: it moves the source mix and no share figure (R11)
                InvestmentEvent earlier = out.get(random.nextInt(out.size()));
                out.add(InvestmentEvent.newBuilder(earlier).setRevision(earlier.getRevision() + 1)
                        .setSourceEconomy(random.nextInt(20) == 0 ? "QQ" : source(random)).build());
            } else if (dice < 28) {
                out.add(rejected(random, fresh(random, idPrefix + String.format("%06d", nextId++))));
            } else {
                out.add(fresh(random, idPrefix + String.format("%06d", nextId++)));
            }
        }
        return out;
    }

    private static InvestmentEvent fresh(Random random, String eventId) {
        return InvestmentEvent.newBuilder()
                .setEventId(eventId)
                .setCity(CITIES.get(random.nextInt(CITIES.size())))
                .setSector(SECTORS.get(random.nextInt(SECTORS.size())))
                .setAmount(BigDecimal.valueOf(100 + random.nextInt(100_000_000), 2))
                .setCurrency(CURRENCIES.get(random.nextInt(CURRENCIES.size())))
                .setOccurredAt(START.plusSeconds((long) (random.nextDouble() * SPAN_SECONDS)))
                .setInvestorType(investorType(random))
                .setGreen(random.nextInt(3) == 0)
                .setSourceEconomy(source(random))
                .build();
    }

    private static String source(Random random) {
        return SOURCES.get(random.nextInt(SOURCES.size()));
    }

    /** Every investor type, and none (as a v1 producer sends): revisions draw again, so they change it too (R8). */
    private static InvestorType investorType(Random random) {
        int n = random.nextInt(InvestorType.values().length + 1);
        return n == InvestorType.values().length ? null : InvestorType.values()[n];
    }

    private static InvestmentEvent rejected(Random random, InvestmentEvent e) {
        switch (random.nextInt(6)) {
            case 0 -> e.setCity("atlantis");
            case 1 -> e.setSector("Z");
            case 2 -> e.setAmount(new BigDecimal("0.00"));
            case 3 -> e.setEventId(e.getEventId() + "-" + "长".repeat(128)); // FIELD_TOO_LONG: over 128 code points
            case 4 -> e.setSourceEconomy("XX");                               // UNKNOWN_ECONOMY: not an assigned code
            default -> e.setCurrency("US");
        }
        return e;
    }

    private static List<MeasureUpdate> measures(Random random, int count) {
        List<String> statuses = List.of("PLANNED", "IN_PROGRESS", "IMPLEMENTED");
        List<MeasureUpdate> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String city = OfficialScenario.COHORT_2025.get(random.nextInt(OfficialScenario.COHORT_2025.size()));
            String area = OfficialScenario.FOCUS_AREAS.get(random.nextInt(OfficialScenario.FOCUS_AREAS.size()));
            String status = statuses.get(random.nextInt(3));
            int reject = random.nextInt(40);
            if (reject == 0) {
                city = "other";
            } else if (reject == 1) {
                area = area.toLowerCase();
            } else if (reject == 2) {
                status = "DONE";
            }
            String measureId = String.format("M-%03d", 1 + random.nextInt(30));
            if (reject == 3) {
                measureId += "-" + "x".repeat(128); // FIELD_TOO_LONG
            }
            out.add(new MeasureUpdate(String.format("u-%03d", random.nextInt(1000)), measureId, city, area, status,
                    Instant.parse("2025-01-01T00:00:00Z").plusSeconds(86_400L * random.nextInt(60))));
        }
        return out;
    }
}
