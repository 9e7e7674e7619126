package org.fdipulse.reference;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A city code of the reference data; {@code other} stands for the rest of China and is not a pilot area.
 *
 * @param cohort      the year the city's pilot cohort joined; empty for a city outside the pilot
 * @param treatedFrom the first quarter in which the city's pilot measures applied ({@code YYYY-Qn}); empty for a city
 *                    never treated, which serves as a comparison unit of the programme's impact (R10)
 */
public record City(String code, OptionalInt cohort, String province, Optional<String> treatedFrom) {

    public boolean isPilotArea() {
        return cohort.isPresent();
    }
}
