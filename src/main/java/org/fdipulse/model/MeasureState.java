package org.fdipulse.model;

/**
 * The update that counts for one (city, measureId) under R5.
 *
 * @param occurredAtMillis the update's occurredAt, epoch milliseconds
 */
public record MeasureState(String updateId, String measureId, String city, String focusArea, String status,
                           long occurredAtMillis) {
}
