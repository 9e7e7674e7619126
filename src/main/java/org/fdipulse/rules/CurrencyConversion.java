package org.fdipulse.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;

/**
 * R2: converts an amount into the reporting currency as of the event's time, against the rates seen so far.
 * {@code amount × rate(reporting) ÷ rate(currency)}, rounded half-even to 2 decimals; exactly {@code amount} when
 * the currencies are the same. USD's rate is always 1. Empty when a needed rate is missing (NO_FX_RATE).
 */
public final class CurrencyConversion {

    public static final String USD = "USD";
    public static final int AMOUNT_SCALE = 2;

    private final String reportingCurrency;
    private final RateBook rates;

    public CurrencyConversion(String reportingCurrency, RateBook rates) {
        this.reportingCurrency = reportingCurrency;
        this.rates = rates;
    }

    /** @param currency a normalised ISO 4217 code */
    public Optional<BigDecimal> toReporting(BigDecimal amount, String currency, Instant at) {
        if (currency.equals(reportingCurrency)) {
            return Optional.of(amount.setScale(AMOUNT_SCALE, RoundingMode.UNNECESSARY));
        }
        Optional<BigDecimal> reportingRate = unitsPerUsd(reportingCurrency, at);
        Optional<BigDecimal> eventRate = unitsPerUsd(currency, at);
        if (reportingRate.isEmpty() || eventRate.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(amount.multiply(reportingRate.get())
                .divide(eventRate.get(), AMOUNT_SCALE, RoundingMode.HALF_EVEN));
    }

    public String reportingCurrency() {
        return reportingCurrency;
    }

    private Optional<BigDecimal> unitsPerUsd(String currency, Instant at) {
        return USD.equals(currency) ? Optional.of(BigDecimal.ONE) : rates.unitsPerUsd(currency, at);
    }
}
