package org.fdipulse.model;

import java.math.BigDecimal;

/**
 * R5, second half: how many measures of a scope and focus area are planned, in progress and implemented, and the
 * implementation rate (implemented ÷ total, half-even to 4 decimals; null when there are none).
 */
public record PilotProgressCounts(int planned, int inProgress, int implemented) {

    public static final String PLANNED = "PLANNED";
    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String IMPLEMENTED = "IMPLEMENTED";

    public static PilotProgressCounts none() {
        return new PilotProgressCounts(0, 0, 0);
    }

    public static boolean isStatus(String status) {
        return PLANNED.equals(status) || IN_PROGRESS.equals(status) || IMPLEMENTED.equals(status);
    }

    public PilotProgressCounts plus(String status) {
        return add(status, 1);
    }

    public PilotProgressCounts minus(String status) {
        return add(status, -1);
    }

    public int total() {
        return planned + inProgress + implemented;
    }

    public BigDecimal implementationRate() {
        return Ratio.of(implemented, total());
    }

    private PilotProgressCounts add(String status, int n) {
        return switch (status) {
            case PLANNED -> new PilotProgressCounts(planned + n, inProgress, implemented);
            case IN_PROGRESS -> new PilotProgressCounts(planned, inProgress + n, implemented);
            case IMPLEMENTED -> new PilotProgressCounts(planned, inProgress, implemented + n);
            default -> throw new IllegalArgumentException("status '" + status + "' passed validation unchecked");
        };
    }
}
