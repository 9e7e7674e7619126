package org.fdipulse.model;

/** One measure's status in force entering ({@code retracted} false) or leaving a scope's counts (R5). */
public record MeasureDelta(MeasureState measure, boolean retracted) {
}
