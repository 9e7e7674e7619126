package org.fdipulse.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.fdipulse.model.QuarterTotals;
import org.fdipulse.model.Ratio;

/**
 * R4: the services share of a scope (a city, or ALL) in a quarter, and over the trailing four quarters (TTM) and
 * the year to date (YTD). Quarters without any record count as zero.
 */
public final class ServicesShareRollup {

    /** A scope of the nationwide figures: every city together. */
    public static final String ALL = "ALL";

    /** services, total and services ÷ total (half-even to 4 decimals, null when total is 0). */
    public record Figures(BigDecimal services, BigDecimal total, BigDecimal servicesShare) {
        static Figures of(QuarterTotals totals) {
            return new Figures(totals.services(), totals.total(), Ratio.of(totals.services(), totals.total()));
        }
    }

    /** The published figures for one scope and quarter. */
    public record Share(String scope, Quarter quarter, Figures quarterFigures, Figures ttm, Figures ytd) {
    }

    private ServicesShareRollup() {
    }

    /**
     * The quarters whose published record includes {@code changed}: itself and the three after it. TTM reaches three
     * quarters back and YTD never further, so no other record moves.
     */
    public static List<Quarter> quartersCovering(Quarter changed) {
        return IntStream.rangeClosed(0, 3).mapToObj(changed::plus).toList();
    }

    public static Share share(String scope, Quarter quarter, Function<Quarter, Optional<QuarterTotals>> totalsOf) {
        QuarterTotals own = totalsOf.apply(quarter).orElse(QuarterTotals.ZERO);
        QuarterTotals ttm = sum(IntStream.rangeClosed(-3, 0).mapToObj(quarter::plus).toList(), totalsOf);
        QuarterTotals ytd = sum(IntStream.rangeClosed(1, quarter.number())
                .mapToObj(n -> new Quarter(quarter.year(), n)).toList(), totalsOf);
        return new Share(scope, quarter, Figures.of(own), Figures.of(ttm), Figures.of(ytd));
    }

    private static QuarterTotals sum(List<Quarter> quarters, Function<Quarter, Optional<QuarterTotals>> totalsOf) {
        QuarterTotals sum = QuarterTotals.ZERO;
        for (Quarter q : quarters) {
            sum = sum.plus(totalsOf.apply(q).orElse(QuarterTotals.ZERO));
        }
        return sum;
    }
}
