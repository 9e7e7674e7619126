package org.fdipulse.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** The FX rates the job has seen so far. */
public interface RateBook {

    /** Units of {@code currency} per 1 USD from the rate with the greatest validFrom not after {@code at}. */
    Optional<BigDecimal> unitsPerUsd(String currency, Instant at);
}
