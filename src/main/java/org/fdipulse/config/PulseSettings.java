package org.fdipulse.config;

import java.util.Properties;
import org.fdipulse.reference.ReferenceData;
import org.fdipulse.rules.Normalized;

/**
 * What the topology needs to know about its deployment, read from the same {@link Properties} that configure
 * Kafka Streams. Job settings use the {@code fdi.} prefix so they never collide with Kafka's own.
 */
public record PulseSettings(Topics topics, String reportingCurrency, ReferenceData reference) {

    public static final String REPORTING_CURRENCY = "fdi.reporting.currency";
    public static final String DEFAULT_REPORTING_CURRENCY = "USD";

    public PulseSettings {
        if (!Normalized.isCurrencyCode(reportingCurrency)) {
            throw new IllegalArgumentException("fdi.reporting.currency '" + reportingCurrency
                    + "' is not an ISO 4217 alpha-3 code; set it to e.g. USD or CNY");
        }
    }

    public static PulseSettings from(Properties props) {
        String currency = Normalized.currency(props.getProperty(REPORTING_CURRENCY, DEFAULT_REPORTING_CURRENCY));
        return new PulseSettings(Topics.from(props), currency, ReferenceData.load(props));
    }
}
