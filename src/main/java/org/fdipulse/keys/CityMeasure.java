package org.fdipulse.keys;

/**
 * {@code city|measureId}: the key of {@code pilot.measure-updates} and of the R5 ledger. Never read back: a measureId
 * may hold a {@code |}.
 */
public record CityMeasure(String city, String measureId) {

    public String encode() {
        return KeyFormat.join(city, measureId);
    }
}
