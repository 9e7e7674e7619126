package org.fdipulse.rules;

import java.math.BigDecimal;
import java.util.Optional;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.model.PilotProgressCounts;
import org.fdipulse.reference.City;
import org.fdipulse.reference.Normalized;
import org.fdipulse.reference.ReferenceData;

/**
 * R6: checks a decoded input record against the contract and the reference data. Checks run in R6's order and the
 * first failure is the reason: blank fields, ids too long, the codes (city, sector, then (v3) source economy), then
 * the numbers (an investment's amount before
 * its currency, as R6 lists them). NO_FX_RATE is decided later, by {@link CurrencyConversion}, and MALFORMED by the
 * decoder.
 */
public final class InputValidation {

    /** The longest {@code eventId}, {@code updateId} or {@code measureId}, in Unicode code points (FIELD_TOO_LONG). */
    public static final int MAX_ID_LENGTH = 128;

    /**
     * Amounts, before and after conversion, must stay below 10^18 (a billion billion): far above any real
     * investment in any currency, and low enough that no sum of them outgrows the 38 digits of the output schemas.
     */
    public static final BigDecimal AMOUNT_LIMIT = new BigDecimal("1E18");

    private final ReferenceData reference;

    public InputValidation(ReferenceData reference) {
        this.reference = reference;
    }

    public ReferenceData reference() {
        return reference;
    }

    public Optional<Rejection> check(InvestmentEvent e) {
        Optional<Rejection> blank = firstBlank("InvestmentEvent",
                "eventId", e.getEventId(), "city", e.getCity(), "sector", e.getSector(), "currency", e.getCurrency());
        if (blank.isPresent()) {
            return blank;
        }
        Optional<Rejection> tooLong = firstTooLong("InvestmentEvent", "eventId", e.getEventId());
        if (tooLong.isPresent()) {
            return tooLong;
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
        String economy = e.getSourceEconomy();
        if (economy != null && !economy.isBlank() && reference.economy(economy).isEmpty()) {
            return reject(RejectionReason.UNKNOWN_ECONOMY, "sourceEconomy '" + economy + "' of eventId '" + e.getEventId()
                    + "' is not an ISO 3166-1 alpha-2 code of the economies file (e.g. HK, SG, DE); leave it empty when unknown");
        }
        Optional<Rejection> amount = checkAmount(e);
        if (amount.isPresent()) {
            return amount;
        }
        return checkCurrency(e.getCurrency());
    }

    private static Optional<Rejection> checkAmount(InvestmentEvent e) {
        if (!Decimals.fitsSchema(e.getAmount())) {
            return reject(RejectionReason.INVALID_AMOUNT, "amount of eventId '" + e.getEventId() + "' has "
                    + Decimals.describeDigits(e.getAmount()) + "; the schema holds at most " + Decimals.MAX_DIGITS
                    + " digits at scale 2");
        }
        if (e.getWithdrawn()) {
            return Optional.empty();
        }
        if (e.getAmount().signum() <= 0) {
            return reject(RejectionReason.INVALID_AMOUNT, "amount " + e.getAmount().toPlainString() + " of eventId '"
                    + e.getEventId() + "' is not positive; only a withdrawal (withdrawn: true) may carry 0");
        }
        return checkAmountLimit(e.getAmount(), e.getEventId(), "");
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
        Optional<Rejection> tooLong = firstTooLong("MeasureUpdate", "updateId", m.getUpdateId(), "measureId", m.getMeasureId());
        if (tooLong.isPresent()) {
            return tooLong;
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
        if (!Decimals.fitsSchema(rate)) {
            return reject(RejectionReason.INVALID_RATE, "unitsPerUsd for " + r.getCurrency().trim() + " has "
                    + Decimals.describeDigits(rate) + "; the schema holds at most " + Decimals.MAX_DIGITS + " digits at scale 6");
        }
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

    /**
     * Ids longer than {@link #MAX_ID_LENGTH} code points. Besides the contract's limit, this bounds every key and
     * internal record the job derives from an input: a 950 KB measureId would otherwise make a repartition record
     * larger than the broker accepts, and fail the job on a record the rules accept.
     */
    private static Optional<Rejection> firstTooLong(String record, String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value.length() > MAX_ID_LENGTH && value.codePointCount(0, value.length()) > MAX_ID_LENGTH) {
                return reject(RejectionReason.FIELD_TOO_LONG, record + "." + namesAndValues[i] + " is "
                        + value.codePointCount(0, value.length()) + " characters long; at most " + MAX_ID_LENGTH + " are allowed");
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(RejectionReason reason, String message) {
        return Optional.of(new Rejection(reason, message));
    }
}
