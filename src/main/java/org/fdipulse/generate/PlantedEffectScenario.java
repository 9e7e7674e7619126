package org.fdipulse.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.reference.City;
import org.fdipulse.reference.ReferenceData;

/**
 * {@code planted-effect}: a panel whose programme impact is known, to see R10 recover it. Investments over 2014–2025 in
 * the 20 pilot cities, {@code other} and 30 comparison cities (written to {@code cities.csv} beside the data, as a user
 * adds them), where each city's services per quarter follow
 * <pre>  ln(1 + S / 1e6) = city level + common trend + noise (sd {@value #NOISE})</pre>
 * and a treated city's services investments from its {@code treatedFrom} on are multiplied by e^X. So every pilot
 * city's outcome moves by about X against the comparison cities, and nothing else differs: the overall estimate
 * lands within 0.1 of X (docs/figures.md has what it gave over ten seeds). Each quarter also has an investment
 * outside the services sectors, which moves the total and not the outcome, and a few duplicates (R3).
 */
public final class PlantedEffectScenario {

    public static final String NAME = "planted-effect";

    /** Comparison cities, each with its province: large cities outside the pilot. */
    static final List<String[]> COMPARISON = List.of(new String[][] {
            {"changsha", "Hunan"}, {"zhengzhou", "Henan"}, {"jinan", "Shandong"}, {"kunming", "Yunnan"},
            {"nanning", "Guangxi"}, {"guiyang", "Guizhou"}, {"lanzhou", "Gansu"}, {"taiyuan", "Shanxi"},
            {"shijiazhuang", "Hebei"}, {"hohhot", "Inner Mongolia"}, {"harbin", "Heilongjiang"}, {"changchun", "Jilin"},
            {"nanchang", "Jiangxi"}, {"urumqi", "Xinjiang"}, {"yinchuan", "Ningxia"}, {"xining", "Qinghai"},
            {"lhasa", "Tibet"}, {"wuxi", "Jiangsu"}, {"foshan", "Guangdong"}, {"dongguan", "Guangdong"},
            {"quanzhou", "Fujian"}, {"wenzhou", "Zhejiang"}, {"tangshan", "Hebei"}, {"yantai", "Shandong"},
            {"xuzhou", "Jiangsu"}, {"changzhou", "Jiangsu"}, {"luoyang", "Henan"}, {"zibo", "Shandong"},
            {"baotou", "Inner Mongolia"}, {"liuzhou", "Guangxi"}});
    static final double NOISE = 0.1;
    private static final int FIRST_YEAR = 2014;
    private static final int LAST_YEAR = 2025;
    private static final int SERVICES_INVESTMENTS_PER_QUARTER = 3;

    private PlantedEffectScenario() {
    }

    /** @param effect X, the planted effect on ln(1 + services / 1e6) */
    public static Scenario generate(long seed, double effect) {
        ReferenceData shipped = ReferenceData.load(new Properties());
        String citiesFile = citiesFile(shipped);
        List<String> cities = new ArrayList<>(shipped.cityCodes());
        COMPARISON.forEach(c -> cities.add(c[0]));
        List<String> services = shipped.sectorLetters().stream().filter(shipped::isServices).toList();
        List<String> industry = shipped.sectorLetters().stream().filter(l -> !shipped.isServices(l)).toList();
        Random random = new Random(seed);
        int quarters = (LAST_YEAR - FIRST_YEAR + 1) * 4;
        double[] trend = new double[quarters];
        for (int t = 0; t < quarters; t++) {
            trend[t] = 0.015 * t + 0.05 * Math.sin(t * Math.PI / 2) + 0.03 * random.nextGaussian();
        }
        List<InvestmentEvent> out = new ArrayList<>();
        for (String city : cities) {
            double level = 5.0 + 2.5 * random.nextDouble();
            Optional<Integer> treatedFrom = shipped.city(city).flatMap(City::treatedFrom).map(PlantedEffectScenario::index);
            for (int t = 0; t < quarters; t++) {
                double y = level + trend[t] + NOISE * random.nextGaussian();
                double scale = treatedFrom.isPresent() && t >= treatedFrom.get() - index(FIRST_YEAR + "-Q1") ? Math.exp(effect) : 1;
                double servicesTotal = (Math.exp(y) - 1) * 1e6 * scale;
                double[] weights = new double[SERVICES_INVESTMENTS_PER_QUARTER];
                double sum = 0;
                for (int k = 0; k < weights.length; k++) {
                    weights[k] = 0.2 + random.nextDouble();
                    sum += weights[k];
                }
                for (int k = 0; k < weights.length; k++) {
                    out.add(investment(random, city, services.get(random.nextInt(services.size())),
                            servicesTotal * weights[k] / sum, t, out.size()));
                }
                out.add(investment(random, city, industry.get(random.nextInt(industry.size())),
                        1e6 * Math.exp(level - 0.5 + 0.2 * random.nextGaussian()), t, out.size()));
            }
        }
        for (int d = 0; d < out.size() / 50; d++) {
            out.add(InvestmentEvent.newBuilder(out.get(random.nextInt(out.size()))).build());   // duplicates change nothing
        }
        List<FxRate> rates = List.of(new FxRate("CNY", new BigDecimal("7.100000"), Instant.parse("2013-01-01T00:00:00Z")));
        return new Scenario(rates, out, List.of(), Optional.of(citiesFile));
    }

    private static InvestmentEvent investment(Random random, String city, String sector, double amount, int quarter, int n) {
        int year = FIRST_YEAR + quarter / 4;
        LocalDate day = LocalDate.of(year, (quarter % 4) * 3 + 1, 1).plusDays(3 + random.nextInt(80));
        return InvestmentEvent.newBuilder()
                .setEventId(String.format("p-%06d", n))
                .setCity(city)
                .setSector(sector)
                .setAmount(BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN))
                .setCurrency("USD")
                .setOccurredAt(day.atTime(4, 0).toInstant(ZoneOffset.UTC))
                .build();
    }

    /** Quarters numbered in a row, {@code YYYY-Qn} → year × 4 + n − 1. */
    private static int index(String quarter) {
        return Integer.parseInt(quarter.substring(0, 4)) * 4 + quarter.charAt(6) - '1';
    }

    /** The shipped cities file's rows, then the comparison cities: never treated, as a user adds them. */
    private static String citiesFile(ReferenceData shipped) {
        StringBuilder file = new StringBuilder("# the shipped cities, and comparison cities outside the pilot (planted-effect)\n");
        file.append("code,cohort,province,treatedFrom\n");
        for (String code : shipped.cityCodes()) {
            City c = shipped.city(code).orElseThrow();
            file.append(code).append(',').append(c.cohort().isPresent() ? String.valueOf(c.cohort().getAsInt()) : "")
                    .append(',').append(c.province()).append(',').append(c.treatedFrom().orElse("")).append('\n');
        }
        COMPARISON.forEach(c -> file.append(c[0]).append(",,").append(c[1]).append(",\n"));
        return file.toString();
    }
}
