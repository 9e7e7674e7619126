package org.fdipulse.rules;

import org.fdipulse.model.AcceptedInvestment;

/**
 * R3: for each eventId the accepted record with the highest revision counts. A record whose revision is not higher
 * than the highest accepted one changes nothing (a duplicate). A withdrawal is a revision like any other: it is kept
 * as the eventId's current record, and counts nowhere. Rejected records never get here, so the previous accepted
 * revision stays in force.
 */
public final class LatestRevisionWins {

    private LatestRevisionWins() {
    }

    /** Whether {@code incoming} replaces {@code current} (null when the eventId has no accepted record yet). */
    public static boolean supersedes(AcceptedInvestment incoming, AcceptedInvestment current) {
        return current == null || incoming.revision() > current.revision();
    }

    /** Whether the record takes part in any total. */
    public static boolean counts(AcceptedInvestment current) {
        return !current.withdrawn();
    }
}
