package org.fdipulse.topology;

import static org.fdipulse.topology.Inputs.investment;
import static org.fdipulse.topology.Inputs.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fdipulse.avro.Alert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("R9 alerts: a record per change of state, on the published figures")
class AlertsTest {

    private static final Instant T1 = Instant.parse("2025-12-01T00:00:01Z");
    private static final Instant T2 = Instant.parse("2025-12-01T00:00:02Z");
    private static final Instant T3 = Instant.parse("2025-12-01T00:00:03Z");

    /** rule scope quarter state value threshold changedAt, one line per alert record. */
    private static List<String> lines(List<Alert> alerts, String scope) {
        return alerts.stream().filter(a -> a.getScope().equals(scope))
                .map(a -> String.join(" ", a.getRule(), a.getScope(), a.getQuarter(), a.getState().name(),
                        a.getValue() == null ? "null" : a.getValue().toPlainString(), a.getThreshold().toPlainString(),
                        a.getChangedAt().toString()))
                .toList();
    }

    @Test
    @DisplayName("services-share-below fires under 0.70 and resolves when a late input lifts the share; equal is not below")
    void servicesShareBelow() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(usd("f", "chengdu", "F", "60.00", "2025-02-01T00:00:00Z"), T1);
            driver.send(usd("c", "chengdu", "C", "40.00", "2025-02-01T00:00:00Z"), T2);
            driver.send(usd("exact-f", "suzhou", "F", "70.00", "2025-02-01T00:00:00Z"), T1);   // 0.7000: not below
            driver.send(usd("exact-c", "suzhou", "C", "30.00", "2025-02-01T00:00:00Z"), T1);
            assertEquals(List.of("services-share-below chengdu 2025-Q1 FIRING 0.6000 0.7000 " + T2),
                    lines(driver.alertRecords(), "chengdu"));

            driver.send(usd("late-f", "chengdu", "F", "60.00", "2025-03-01T00:00:00Z"), T3);   // 120 / 160
            driver.send(usd("f", "chengdu", "F", "60.00", "2025-02-01T00:00:00Z"), T3);        // a duplicate: no change

            assertEquals(List.of("services-share-below chengdu 2025-Q1 FIRING 0.6000 0.7000 " + T2,
                            "services-share-below chengdu 2025-Q1 RESOLVED 0.7500 0.7000 " + T3),
                    lines(driver.alertRecords(), "chengdu"));
            assertEquals(List.of(), lines(driver.alertRecords(), "suzhou"));
            // ALL: 130 of 200 = 0.6500 fired with chengdu, and 190 of 260 = 0.7308 resolved with it
            assertEquals("RESOLVED", driver.alerts().get("services-share-below|ALL|2025-Q1").getState().name());
        }
    }

    @Test
    @DisplayName("ytd-yoy-below fires when the year to date falls more than 10% on a year earlier, and resolves")
    void ytdYearOnYearBelow() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(usd("2024", "hangzhou", "F", "100.00", "2024-02-01T00:00:00Z"), T1);
            driver.send(usd("2025", "hangzhou", "F", "85.00", "2025-02-01T00:00:00Z"), T2);
            driver.send(usd("2025-q2", "hangzhou", "F", "5.00", "2025-05-01T00:00:00Z"), T2);  // YTD 90 / 100 - 1 = -0.1000: not below

            assertEquals(List.of("ytd-yoy-below hangzhou 2025-Q1 FIRING -0.1500 -0.1000 " + T2),
                    lines(driver.alertRecords(), "hangzhou"));

            driver.send(usd("2025-late", "hangzhou", "F", "10.00", "2025-03-01T00:00:00Z"), T3);

            assertEquals(List.of("ytd-yoy-below hangzhou 2025-Q1 FIRING -0.1500 -0.1000 " + T2,
                            "ytd-yoy-below hangzhou 2025-Q1 RESOLVED -0.0500 -0.1000 " + T3),
                    lines(driver.alertRecords(), "hangzhou"));
        }
    }

    @Test
    @DisplayName("share-swing-above compares with the quarter before, and a change there alone resolves it")
    void shareSwingAbove() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.send(usd("q1-f", "ningbo", "F", "80.00", "2025-02-01T00:00:00Z"), T1);
            driver.send(usd("q1-c", "ningbo", "C", "20.00", "2025-02-01T00:00:00Z"), T1);
            driver.send(usd("q2-f", "ningbo", "F", "60.00", "2025-05-01T00:00:00Z"), T2);
            driver.send(usd("q2-c", "ningbo", "C", "40.00", "2025-05-01T00:00:00Z"), T2);
            assertEquals(List.of("services-share-below ningbo 2025-Q2 FIRING 0.6000 0.7000 " + T2,
                            "share-swing-above ningbo 2025-Q2 FIRING 0.2000 0.1000 " + T2),
                    lines(driver.alertRecords(), "ningbo").stream().sorted().toList());
            driver.shareKeysPublishedSinceLastCall();

            // 2025-Q1 becomes 45 / 65 = 0.6923: its own share falls below 0.70, and the swing to 0.6000 is 0.0923
            driver.send(investment("q1-f", 1, "ningbo", "F", "45.00", "USD", "2025-02-01T00:00:00Z"), T3);

            assertEquals(List.of("services-share-below ningbo 2025-Q1 FIRING 0.6923 0.7000 " + T3,
                            "services-share-below ningbo 2025-Q2 FIRING 0.6000 0.7000 " + T2,
                            "share-swing-above ningbo 2025-Q2 FIRING 0.2000 0.1000 " + T2,
                            "share-swing-above ningbo 2025-Q2 RESOLVED 0.0923 0.1000 " + T3),
                    lines(driver.alertRecords(), "ningbo").stream().sorted().toList());
            // 2025-Q2's quarter figures did not change (its YTD did): the swing alert moved with the quarter before it
            assertEquals(List.of("ningbo|2025-Q1", "ningbo|2025-Q2"), driver.shareKeysPublishedSinceLastCall().stream()
                    .filter(k -> k.startsWith("ningbo")).sorted().toList());
        }
    }

    @Test
    @DisplayName("thresholds are settings: fdi.alerts.<rule>.threshold")
    void configurableThresholds() {
        try (PulseDriver driver = new PulseDriver("USD", Map.of("fdi.alerts.services-share-below.threshold", "0.5"))) {
            driver.send(usd("f", "chengdu", "F", "60.00", "2025-02-01T00:00:00Z"), T1);
            driver.send(usd("c", "chengdu", "C", "40.00", "2025-02-01T00:00:00Z"), T1);
            driver.send(usd("xian-f", "xian", "F", "40.00", "2025-02-01T00:00:00Z"), T1);
            driver.send(usd("xian-c", "xian", "C", "60.00", "2025-02-01T00:00:00Z"), T1);

            assertEquals(List.of(), lines(driver.alertRecords(), "chengdu"));
            Alert xian = driver.alerts().get("services-share-below|xian|2025-Q1");
            assertEquals(new BigDecimal("0.5000"), xian.getThreshold());
            assertEquals(new BigDecimal("0.4000"), xian.getValue());
        }
    }
}
