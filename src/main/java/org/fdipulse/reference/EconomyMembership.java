package org.fdipulse.reference;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A row of the economy-groups file (R11): {@code code} is in {@code group} on the Asia/Shanghai dates from
 * {@code from} (inclusive) to {@code to} (exclusive), either bound absent for none.
 */
public record EconomyMembership(String group, String code, Optional<LocalDate> from, Optional<LocalDate> to) {

    public boolean holdsOn(LocalDate day) {
        return from.map(f -> !day.isBefore(f)).orElse(true) && to.map(day::isBefore).orElse(true);
    }
}
