package org.fdipulse.rules;

import org.fdipulse.model.MeasureState;

/**
 * R5, first half: per (city, measureId) the update with the latest occurredAt counts; on a tie, the greater
 * updateId. An older update that arrives later changes nothing.
 */
public final class LatestMeasureUpdateWins {

    private LatestMeasureUpdateWins() {
    }

    public static boolean supersedes(MeasureState incoming, MeasureState current) {
        if (current == null) {
            return true;
        }
        if (incoming.occurredAtMillis() != current.occurredAtMillis()) {
            return incoming.occurredAtMillis() > current.occurredAtMillis();
        }
        return incoming.updateId().compareTo(current.updateId()) > 0;
    }
}
