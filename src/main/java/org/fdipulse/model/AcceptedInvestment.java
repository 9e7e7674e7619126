package org.fdipulse.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * An investment record that passed validation and conversion: the unit the revision ledger (R3) keeps per eventId.
 *
 * @param city         normalised city code
 * @param sector       normalised section letter
 * @param quarter      the R1 quarter, {@code YYYY-Qn}
 * @param amount       in the reporting currency, scale 2 (R2); zero on a withdrawal, which counts nowhere
 * @param investorType an {@code InvestorType} symbol, or {@link CapitalMixTotals#UNSPECIFIED} for an event without one (R8)
 * @param green        the event's green flag (R8)
 * @param sourceEconomy the normalised ISO 3166-1 alpha-2 code, or {@link SourceMixTotals#UNSPECIFIED} (R11)
 * @param sourceGroups the groups the economy was in on the event's Asia/Shanghai date, resolved once on admission so
 *                     that a retraction takes out of exactly the groups its addition went into, even if the groups
 *                     file changed in between (R11)
 */
public record AcceptedInvestment(String eventId, int revision, String city, String sector, String quarter,
                                 BigDecimal amount, boolean withdrawn, String investorType, boolean green,
                                 String sourceEconomy, List<String> sourceGroups) {

    public AcceptedInvestment {
        sourceGroups = List.copyOf(sourceGroups);
    }
}
