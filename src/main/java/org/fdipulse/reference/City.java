package org.fdipulse.reference;

import java.util.OptionalInt;

/** A city code of the reference data; {@code other} stands for the rest of China and is not a pilot area. */
public record City(String code, OptionalInt cohort, String province) {

    public boolean isPilotArea() {
        return cohort.isPresent();
    }
}
