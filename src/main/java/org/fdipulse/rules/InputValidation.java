package org.fdipulse.rules;

import java.math.BigDecimal;
import java.util.Optional;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.reference.City;
import org.fdipulse.reference.ReferenceData;

/**
 * R6: checks a decoded input record against the contract and the reference data. Checks run in a fixed order and
 * the first failure is the reason: blank fields, then the codes, then the numbers. NO_FX_RATE is decided later,
 * by {@link CurrencyConversion}, and MALFORMED by the decoder.
 */
public final class InputValidation {

    public static final int MAX_EVENT_ID_LENGTH = 128;

    /**
     * Amounts, before and after conversion, must stay below 10^18 (a billion billion): far above any real
     * investment in any currency, and low enough that no sum of them outgrows the 38 digits of the output schemas.
     */
    public static final BigDecimal AMOUNT_LIMIT = new BigDecimal("1E18");

    private final ReferenceData reference;

    public InputValidation(ReferenceData reference) {
        this.reference = reference;
    }

    public Optional<Rejection> check(InvestmentEvent e) {
        Optional<Rejection> blank = firstBlank("InvestmentEvent",
                "eventId", e.getEventId(), "city", e.getCity(), "sector", e.getSector(), "currency", e.getCurrency());
        if (blank.isPresent()) {
            return blank;
        }
        if (e.getEventId().length() > MAX_EVENT_ID_LENGTH) {
            return reject(RejectionReason.MALFORMED, "eventId is " + e.getEventId().length()
                    + " characters long; the contract allows 1-" + MAX_EVENT_ID_LENGTH);
        }
        if (e.getRevision() < 0) {
            return reject(RejectionReason.MALFORMED, "revision " + e.getRevision() + " of eventId '"
                    + e.getEventId() + "' is negative; revisions start at 0");
        }
        if (reference.city(e.getCity()).isEmpty()) {
            return unknownCity(e.getCity());
        }
        if (reference.sector(e.getSector()).isEmpty()) {
            return reject(RejectionReason.UNKNOWN_SECTOR, "sector '" + e.getSector()
                    + "' is not a GB/T 4754-2017 section; use a letter A-T");
        }
        Optional<Rejection> currency = checkCurrency(e.getCurrency());
        if (currency.isPresent()) {
            return currency;
        }
        if (!e.getWithdrawn() && e.getAmount().signum() <= 0) {
            return reject(RejectionReason.INVALID_AMOUNT, "amount " + e.getAmount().toPlainString() + " of eventId '"
                    + e.getEventId() + "' is not positive; only a withdrawal (withdrawn: true) may carry 0");
        }
        if (!e.getWithdrawn()) {
            return checkAmountLimit(e.getAmount(), e.getEventId(), "");
        }
        return Optional.empty();
    }

    /** A converted amount, too, must stay below {@link #AMOUNT_LIMIT}. */
    public Optional<Rejection> checkConverted(BigDecimal converted, String eventId, String reportingCurrency) {
        return checkAmountLimit(converted, eventId, " once converted to " + reportingCurrency);
    }

    private static Optional<Rejection> checkAmountLimit(BigDecimal amount, String eventId, String converted) {
        if (amount.compareTo(AMOUNT_LIMIT) >= 0) {
            return reject(RejectionReason.INVALID_AMOUNT, "amount " + amount.toPlainString() + " of eventId '" + eventId
                    + "'" + converted + " is not below 10^18, the largest the job totals; check the amount's unit");
        }
        return Optional.empty();
    }

    public Optional<Rejection> check(MeasureUpdate m) {
        Optional<Rejection> blank = firstBlank("MeasureUpdate", "updateId", m.getUpdateId(),
                "measureId", m.getMeasureId(), "city", m.getCity(), "focusArea", m.getFocusArea(), "status", m.getStatus());
        if (blank.isPresent()) {
            return blank;
        }
        Optional<City> city = reference.city(m.getCity());
        if (city.isEmpty()) {
            return unknownCity(m.getCity());
        }
        if (!city.get().isPilotArea()) {
            return reject(RejectionReason.UNKNOWN_CITY, "city '" + m.getCity()
                    + "' is not a pilot area; a measure update names one of the 20 pilot cities");
        }
        if (!reference.isFocusArea(m.getFocusArea())) {
            return reject(RejectionReason.UNKNOWN_FOCUS_AREA, "focusArea '" + m.getFocusArea()
                    + "' is not one of " + reference.focusAreas() + " (exact spelling)");
        }
        if (!PilotProgressCounts.isStatus(m.getStatus())) {
            return reject(RejectionReason.INVALID_STATUS, "status '" + m.getStatus()
                    + "' is not PLANNED, IN_PROGRESS or IMPLEMENTED (exact spelling)");
        }
        return Optional.empty();
    }

    public Optional<Rejection> check(FxRate r) {
        Optional<Rejection> blank = firstBlank("FxRate", "currency", r.getCurrency());
        if (blank.isPresent()) {
            return blank;
        }
        Optional<Rejection> currency = checkCurrency(r.getCurrency());
        if (currency.isPresent()) {
            return currency;
        }
        BigDecimal rate = r.getUnitsPerUsd();
        if (rate.signum() <= 0) {
            return reject(RejectionReason.INVALID_RATE, "unitsPerUsd " + rate.toPlainString() + " for "
                    + r.getCurrency().trim() + " is not positive");
        }
        if (CurrencyConversion.USD.equals(Normalized.currency(r.getCurrency())) && rate.compareTo(BigDecimal.ONE) != 0) {
            return reject(RejectionReason.INVALID_RATE, "unitsPerUsd " + rate.toPlainString()
                    + " for USD: USD's rate is always 1; do not publish another");
        }
        return Optional.empty();
    }

    private Optional<Rejection> checkCurrency(String currency) {
        if (!Normalized.isCurrencyCode(Normalized.currency(currency))) {
            return reject(RejectionReason.INVALID_CURRENCY, "currency '" + currency
                    + "' is not an ISO 4217 alpha-3 code (three letters, e.g. CNY)");
        }
        return Optional.empty();
    }

    private Optional<Rejection> unknownCity(String city) {
        return reject(RejectionReason.UNKNOWN_CITY, "city '" + city + "' is not a city code of the reference data; use one of "
                + reference.cityCodes());
    }

    private static Optional<Rejection> firstBlank(String record, String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null || namesAndValues[i + 1].isBlank()) {
                return reject(RejectionReason.MISSING_FIELD, record + "." + namesAndValues[i]
                        + " is blank; it is required");
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(RejectionReason reason, String message) {
        return Optional.of(new Rejection(reason, message));
    }
}
