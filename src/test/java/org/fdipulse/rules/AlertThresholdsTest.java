package org.fdipulse.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("R9 thresholds as an operator sets them: defaults, overrides, and refusals that name the setting")
class AlertThresholdsTest {

    private static Properties with(String key, String value) {
        Properties props = new Properties();
        props.setProperty(key, value);
        return props;
    }

    @Test
    @DisplayName("the contract's defaults, and a setting given with fewer decimals")
    void defaultsAndOverride() {
        AlertRules defaults = AlertRules.from(new Properties());
        assertEquals(new BigDecimal("0.7000"), defaults.threshold("services-share-below"));
        assertEquals(new BigDecimal("-0.1000"), defaults.threshold("ytd-yoy-below"));
        assertEquals(new BigDecimal("0.1000"), defaults.threshold("share-swing-above"));
        assertEquals(new BigDecimal("0.6500"),
                AlertRules.from(with("fdi.alerts.services-share-below.threshold", " 0.65 ")).threshold("services-share-below"));
    }

    @Test
    @DisplayName("not a number, or finer than the rounded figures it is compared with: refused at start, naming the key")
    void refusals() {
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> AlertRules.from(with("fdi.alerts.ytd-yoy-below.threshold", "-10%")));
        assertTrue(text.getMessage().startsWith("fdi.alerts.ytd-yoy-below.threshold=-10%"), text.getMessage());
        IllegalArgumentException fine = assertThrows(IllegalArgumentException.class,
                () -> AlertRules.from(with("fdi.alerts.share-swing-above.threshold", "0.12345")));
        assertTrue(fine.getMessage().contains("more than 4 decimals"), fine.getMessage());
    }
}
