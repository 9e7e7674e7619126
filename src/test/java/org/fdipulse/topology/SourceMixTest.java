package org.fdipulse.topology;

import static org.fdipulse.topology.Inputs.usd;
import static org.fdipulse.topology.Inputs.withdrawal;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fdipulse.avro.EconomyFigures;
import org.fdipulse.avro.GroupFigures;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.SourceMix;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R11 through the topology, every figure worked out by hand. Avro's record equality ignores decimal fields, so the
 * figures are compared as text: {@code amount/share/ytd/ytdShare/ytdYoy} per group, {@code amount/ytd/ytdYoy} per economy.
 */
@DisplayName("R11 source mix: economies and groups, membership by the event's Asia/Shanghai date, in both years")
class SourceMixTest {

    private static InvestmentEvent from(String economy, InvestmentEvent event) {
        return InvestmentEvent.newBuilder(event).setSourceEconomy(economy).build();
    }

    private static String text(BigDecimal... figures) {
        List<String> out = new ArrayList<>();
        for (BigDecimal f : figures) {
            out.add(f == null ? "null" : f.toPlainString());
        }
        return String.join("/", out);
    }

    private static Map<String, String> groups(SourceMix m) {
        Map<String, String> out = new TreeMap<>();
        m.getByGroup().forEach((group, g) -> out.put(group, figures(g)));
        return out;
    }

    private static String figures(GroupFigures g) {
        return text(g.getAmount(), g.getShare(), g.getYtd(), g.getYtdShare(), g.getYtdYoy());
    }

    private static Map<String, String> economies(SourceMix m) {
        Map<String, String> out = new TreeMap<>();
        m.getByEconomy().forEach((economy, e) -> out.put(economy, figures(e)));
        return out;
    }

    private static String figures(EconomyFigures e) {
        return text(e.getAmount(), e.getYtd(), e.getYtdYoy());
    }

    @Test
    @DisplayName("Timor-Leste joins ASEAN on 2025-10-26 in Shanghai (16:00 UTC the day before); codes are trimmed and "
            + "case-insensitive; events without one are unspecified")
    void membershipByShanghaiDate() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(from("TL", usd("e1", "beijing", "K", "100.00", "2025-10-25T15:59:59Z")));  // 25 Oct, 23:59:59
            driver.send(from("tl", usd("e2", "beijing", "K", "50.00", "2025-10-25T16:00:00Z")));   // 26 Oct, 00:00
            driver.send(from(" hk ", usd("e3", "beijing", "C", "30.00", "2025-11-01T00:00:00Z")));
            driver.send(usd("e4", "beijing", "C", "20.00", "2025-11-02T00:00:00Z"));

            for (String key : List.of("ALL|2025-Q4", "beijing|2025-Q4")) {
                SourceMix mix = driver.sourceMix().get(key);
                assertEquals("200.00/20.00", text(mix.getTotal(), mix.getUnspecified()), key);
                // 50/200 = 0.25, 30/200 = 0.15; nothing a year earlier: no year on year
                assertEquals(Map.of("ASEAN", "50.00/0.2500/50.00/0.2500/null",
                        "EU", "0.00/0.0000/0.00/0.0000/null",
                        "HONG_KONG_MACAO", "30.00/0.1500/30.00/0.1500/null"), groups(mix), key);
                assertEquals(Map.of("HK", "30.00/30.00/null", "TL", "150.00/150.00/null"), economies(mix), key);
                assertEquals("USD", mix.getCurrency());
            }
        }
    }

    @Test
    @DisplayName("the United Kingdom left the EU on 2020-02-01: each year's group counts that year's members, and the "
            + "year on year compares them")
    void groupYearOnYearByEachYearsMembers() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(from("GB", usd("g19", "shanghai", "K", "100.00", "2019-06-01T00:00:00Z")));
            driver.send(from("DE", usd("d19", "shanghai", "K", "100.00", "2019-05-01T00:00:00Z")));
            driver.send(from("GB", usd("g20a", "shanghai", "K", "10.00", "2020-01-31T15:59:59Z")));  // 31 Jan: EU
            driver.send(from("GB", usd("g20b", "shanghai", "K", "5.00", "2020-01-31T16:00:00Z")));   // 1 Feb: not
            driver.send(from("GB", usd("g20c", "shanghai", "K", "80.00", "2020-06-01T00:00:00Z")));
            driver.send(from("DE", usd("d20", "shanghai", "K", "150.00", "2020-05-01T00:00:00Z")));

            SourceMix q1 = driver.sourceMix().get("ALL|2020-Q1");
            // EU 10 of 15 = 0.6667; 2019-Q1 had nothing
            assertEquals("10.00/0.6667/10.00/0.6667/null", figures(q1.getByGroup().get("EU")));
            SourceMix q2 = driver.sourceMix().get("ALL|2020-Q2");
            // quarter: EU = DE 150 of 230 = 0.65217; ytd: EU 10 + 150 = 160 of 15 + 230 = 245 = 0.65306;
            // a year earlier, 2019-Q1..Q2: EU = GB 100 + DE 100 = 200; 160 / 200 - 1 = -0.2
            assertEquals("150.00/0.6522/160.00/0.6531/-0.2000", figures(q2.getByGroup().get("EU")));
            // GB: 10 + 5 + 80 = 95 against 100: -0.05; DE 150 against 100: +0.5
            assertEquals(Map.of("DE", "150.00/150.00/0.5000", "GB", "80.00/95.00/-0.0500"), economies(q2));
            SourceMix q2019 = driver.sourceMix().get("ALL|2019-Q2");
            assertEquals("200.00/1.0000/200.00/1.0000/null", figures(q2019.getByGroup().get("EU")));
        }
    }

    @Test
    @DisplayName("a revision that changes only sourceEconomy moves the source mix and republishes no share record; "
            + "a withdrawal leaves the record, with zeros")
    void revisionsAndWithdrawals() {
        try (PulseDriver driver = new PulseDriver()) {
            InvestmentEvent fromSingapore = from("SG", usd("e1", "shanghai", "K", "100.00", "2025-03-01T00:00:00Z"));
            driver.send(fromSingapore);
            driver.sourceMix();
            driver.shareKeysPublishedSinceLastCall();
            driver.sourceMixKeysPublishedSinceLastCall();

            InvestmentEvent fromVietnam = InvestmentEvent.newBuilder(fromSingapore).setRevision(1).setSourceEconomy("VN").build();
            driver.send(fromVietnam);

            assertEquals(List.of("ALL|2025-Q1", "shanghai|2025-Q1"), driver.sourceMixKeysPublishedSinceLastCall().stream().sorted().toList());
            assertEquals(List.of(), driver.shareKeysPublishedSinceLastCall(), "no share figure moved");
            SourceMix moved = driver.sourceMix().get("shanghai|2025-Q1");
            assertEquals(Map.of("VN", "100.00/100.00/null"), economies(moved), "Singapore's amount is gone with it");
            assertEquals("100.00/1.0000/100.00/1.0000/null", figures(moved.getByGroup().get("ASEAN")));

            driver.send(withdrawal(fromVietnam, 2));
            SourceMix withdrawn = driver.sourceMix().get("shanghai|2025-Q1");
            assertEquals("0.00/0.00", text(withdrawn.getTotal(), withdrawn.getUnspecified()));
            assertEquals("0.00/null/0.00/null/null", figures(withdrawn.getByGroup().get("ASEAN")));
            assertEquals(Map.of(), economies(withdrawn), "no economy with a non-zero amount");
        }
    }

    @Test
    @DisplayName("an unknown code is dead-lettered as UNKNOWN_ECONOMY, a withdrawal too, and leaves the revision in force")
    void unknownEconomy() {
        try (PulseDriver driver = new PulseDriver()) {
            InvestmentEvent counted = from("CH", usd("e1", "wuhan", "K", "40.00", "2025-05-01T00:00:00Z"));
            driver.send(counted);
            driver.send(InvestmentEvent.newBuilder(counted).setRevision(1).setSourceEconomy("ZZ").build());
            driver.send(InvestmentEvent.newBuilder(withdrawal(counted, 2)).setSourceEconomy("UK").build());

            assertEquals(List.of("UNKNOWN_ECONOMY", "UNKNOWN_ECONOMY"),
                    driver.deadLetters().stream().map(PulseDriver.DeadLetter::reason).toList());
            assertEquals(Map.of("CH", "40.00/40.00/null"), economies(driver.sourceMix().get("wuhan|2025-Q2")));
        }
    }
}
