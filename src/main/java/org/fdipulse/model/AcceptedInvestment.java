package org.fdipulse.model;

import java.math.BigDecimal;

/**
 * An investment record that passed validation and conversion: the unit the revision ledger (R3) keeps per eventId.
 *
 * @param city         normalised city code
 * @param sector       normalised section letter
 * @param quarter      the R1 quarter, {@code YYYY-Qn}
 * @param amount       in the reporting currency, scale 2 (R2); zero on a withdrawal, which counts nowhere
 * @param investorType an {@code InvestorType} symbol, or {@link CapitalMixTotals#UNSPECIFIED} for an event without one (R8)
 * @param green        the event's green flag (R8)
 */
public record AcceptedInvestment(String eventId, int revision, String city, String sector, String quarter,
                                 BigDecimal amount, boolean withdrawn, String investorType, boolean green) {
}
