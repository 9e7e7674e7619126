package org.fdipulse.topology;

import static org.fdipulse.avro.InvestorType.CORPORATE;
import static org.fdipulse.avro.InvestorType.INSURANCE;
import static org.fdipulse.avro.InvestorType.PENSION_FUND;
import static org.fdipulse.avro.InvestorType.PRIVATE_EQUITY;
import static org.fdipulse.avro.InvestorType.SOVEREIGN_FUND;
import static org.fdipulse.topology.Inputs.usd;
import static org.fdipulse.topology.Inputs.withdrawal;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fdipulse.output.Outputs;
import org.fdipulse.avro.CapitalMix;
import org.fdipulse.avro.InvestmentEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("R8 capital mix: investor types, green, and the targeted investors into green")
class CapitalMixTest {

    private static final InvestmentEvent INSURER_GREEN = usd("e1", "beijing", "F", "100.00", "2025-02-01T00:00:00Z", INSURANCE, true);
    private static final InvestmentEvent SOVEREIGN = usd("e2", "beijing", "C", "50.00", "2025-02-01T00:00:00Z", SOVEREIGN_FUND, false);
    private static final InvestmentEvent CORPORATE_GREEN = usd("e3", "beijing", "K", "30.00", "2025-02-01T00:00:00Z", CORPORATE, true);
    private static final InvestmentEvent UNNAMED = usd("e4", "beijing", "A", "20.00", "2025-02-01T00:00:00Z");

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /** The seven amounts in the order CORPORATE, INSURANCE, SOVEREIGN_FUND, PENSION_FUND, PRIVATE_EQUITY, OTHER, UNSPECIFIED. */
    private static void assertByType(CapitalMix mix, String... amounts) {
        Map<String, String> expected = new LinkedHashMap<>();
        List<String> types = List.of("CORPORATE", "INSURANCE", "SOVEREIGN_FUND", "PENSION_FUND", "PRIVATE_EQUITY", "OTHER", "UNSPECIFIED");
        for (int i = 0; i < types.size(); i++) {
            expected.put(types.get(i), amounts[i]);
        }
        Map<String, String> actual = new LinkedHashMap<>();
        types.forEach(type -> actual.put(type, text(mix.getByInvestorType().get(type))));
        assertEquals(expected, actual);
        assertEquals(7, mix.getByInvestorType().size(), "always the seven keys");
    }

    private static void assertShares(CapitalMix mix, String total, String green, String greenShare, String targeted,
                                     String targetedShare, String targetedGreen, String targetedGreenShare) {
        assertEquals(List.of(total, green, String.valueOf(greenShare), targeted, String.valueOf(targetedShare), targetedGreen,
                        String.valueOf(targetedGreenShare)),
                List.of(text(mix.getTotal()), text(mix.getGreen()), String.valueOf(text(mix.getGreenShare())),
                        text(mix.getTargetedInvestors()), String.valueOf(text(mix.getTargetedInvestorsShare())),
                        text(mix.getTargetedGreen()), String.valueOf(text(mix.getTargetedGreenShare()))));
    }

    @Test
    @DisplayName("amounts by investor type (events without one are UNSPECIFIED), green and targeted shares, per city and ALL")
    void mixOfOneQuarter() {
        try (PulseDriver driver = new PulseDriver()) {
            List.of(INSURER_GREEN, SOVEREIGN, CORPORATE_GREEN, UNNAMED).forEach(driver::send);
            driver.send(usd("e5", "shanghai", "F", "1.00", "2025-03-01T00:00:00Z", PENSION_FUND, true));

            var mixes = driver.capitalMix();
            CapitalMix beijing = mixes.get("beijing|2025-Q1");
            assertByType(beijing, "30.00", "100.00", "50.00", "0.00", "0.00", "0.00", "20.00");
            assertShares(beijing, "200.00", "130.00", "0.6500", "150.00", "0.7500", "100.00", "0.5000");
            // 131/201 = 0.65174, 151/201 = 0.75124, 101/201 = 0.50249
            assertShares(mixes.get("ALL|2025-Q1"), "201.00", "131.00", "0.6517", "151.00", "0.7512", "101.00", "0.5025");
            assertEquals("USD", beijing.getCurrency());
        }
    }

    @Test
    @DisplayName("a revision of investor type or green moves the mix and republishes no share record; withdrawals retract exactly")
    void revisionsAndWithdrawals() {
        try (PulseDriver driver = new PulseDriver()) {
            List.of(INSURER_GREEN, SOVEREIGN, CORPORATE_GREEN, UNNAMED).forEach(driver::send);
            driver.capitalMix();
            driver.shareKeysPublishedSinceLastCall();

            driver.send(InvestmentEvent.newBuilder(INSURER_GREEN).setRevision(1).setInvestorType(PRIVATE_EQUITY).setGreen(false).build());

            assertEquals(List.of(), driver.shareKeysPublishedSinceLastCall());
            CapitalMix revised = driver.capitalMix().get("beijing|2025-Q1");
            assertByType(revised, "30.00", "0.00", "50.00", "0.00", "100.00", "0.00", "20.00");
            assertShares(revised, "200.00", "30.00", "0.1500", "50.00", "0.2500", "0.00", "0.0000");

            driver.send(withdrawal(SOVEREIGN, 1));
            CapitalMix withdrawn = driver.capitalMix().get("beijing|2025-Q1");
            assertByType(withdrawn, "30.00", "0.00", "0.00", "0.00", "100.00", "0.00", "20.00");
            assertShares(withdrawn, "150.00", "30.00", "0.2000", "0.00", "0.0000", "0.00", "0.0000");

            driver.capitalMixKeysPublishedSinceLastCall();
            driver.send(InvestmentEvent.newBuilder(UNNAMED).setRevision(1).setSector("B").build());   // A to B: same mix
            assertEquals(List.of(), driver.capitalMixKeysPublishedSinceLastCall(), "an unchanged capital mix is not written again");

            driver.send(withdrawal(InvestmentEvent.newBuilder(INSURER_GREEN).setRevision(1).build(), 2));
            driver.send(withdrawal(CORPORATE_GREEN, 1));
            driver.send(withdrawal(UNNAMED, 2));
            CapitalMix empty = driver.capitalMix().get("beijing|2025-Q1");   // the record stays, with zeros (as R4's)
            assertByType(empty, "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00");
            assertShares(empty, "0.00", "0.00", "null", "0.00", "null", "0.00", "null");
        }
    }

    @Test
    @DisplayName("as JSON (fdi.output.format=json and tail): the contract's shape, every investor type written out")
    void jsonShape() {
        try (PulseDriver driver = new PulseDriver("USD", Map.of("fdi.output.format", "json"))) {
            driver.send(INSURER_GREEN);
            driver.send(UNNAMED);
            assertEquals("{\"scope\":\"beijing\",\"quarter\":\"2025-Q1\",\"currency\":\"USD\",\"total\":\"120.00\","
                            + "\"byInvestorType\":{\"CORPORATE\":\"0.00\",\"INSURANCE\":\"100.00\",\"SOVEREIGN_FUND\":\"0.00\","
                            + "\"PENSION_FUND\":\"0.00\",\"PRIVATE_EQUITY\":\"0.00\",\"OTHER\":\"0.00\",\"UNSPECIFIED\":\"20.00\"},"
                            + "\"green\":\"100.00\",\"greenShare\":0.8333,\"targetedInvestors\":\"100.00\",\"targetedInvestorsShare\":0.8333,"
                            + "\"targetedGreen\":\"100.00\",\"targetedGreenShare\":0.8333}",
                    driver.latestText(Outputs.CAPITAL_MIX).get("beijing|2025-Q1"));
        }
    }
}
