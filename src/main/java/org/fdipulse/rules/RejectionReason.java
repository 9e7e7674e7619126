package org.fdipulse.rules;

/** R6: the codes a rejected input record carries to the dead-letter topic, in header {@code error.reason}. */
public enum RejectionReason {
    /** Bytes that do not decode as a record of a shipped schema version, or a record the contract cannot hold. */
    MALFORMED,
    /** A required string that is blank. */
    MISSING_FIELD,
    /** (v2) An eventId, updateId or measureId longer than 128 characters (Unicode code points). */
    FIELD_TOO_LONG,
    UNKNOWN_CITY,
    UNKNOWN_SECTOR,
    /** (v3) A sourceEconomy that is not blank and not an ISO 3166-1 alpha-2 code of the economies file (R11). */
    UNKNOWN_ECONOMY,
    UNKNOWN_FOCUS_AREA,
    INVALID_STATUS,
    /** An amount ≤ 0 on a record that is not withdrawn, or (v2) one of more than 38 digits at scale 2. */
    INVALID_AMOUNT,
    /** A currency that is not three letters. */
    INVALID_CURRENCY,
    /** No rate for the event's currency or the reporting currency at the event's time. */
    NO_FX_RATE,
    /** A rate ≤ 0, (v2) one of more than 38 digits at scale 6, or a USD rate other than 1. */
    INVALID_RATE
}
