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
 * the year to date (YTD); R7: each of those figures against the same figure one year earlier. Quarters without any
 * record count as zero.
 */
public final class ServicesShares {

    /**
     * How far a change reaches: a change in quarter q moves q's own figures, the TTM of q+1..q+3 and the YTD of the
     * rest of q's year (R4), and through R7 the year-on-year figures of q+4..q+7, whose year-earlier TTM still
     * covers q.
     */
    private static final int QUARTERS_REACHED = 7;

    /**
     * services, total and services ÷ total (half-even to 4 decimals, null when total is 0), and each against the same
     * figure a year earlier, less one (R7: null when that earlier figure is 0).
     */
    public record Figures(BigDecimal services, BigDecimal total, BigDecimal servicesShare,
                          BigDecimal totalYoy, BigDecimal servicesYoy) {
        static Figures of(QuarterTotals totals, QuarterTotals yearEarlier) {
            return new Figures(totals.services(), totals.total(), Ratio.of(totals.services(), totals.total()),
                    change(totals.total(), yearEarlier.total()), change(totals.services(), yearEarlier.services()));
        }

        /** figure ÷ earlier − 1, rounded once: the same as (figure − earlier) ÷ earlier, which {@link Ratio} rounds. */
        private static BigDecimal change(BigDecimal figure, BigDecimal earlier) {
            return Ratio.of(figure.subtract(earlier), earlier);
        }
    }

    /** The published figures for one scope and quarter. */
    public record Share(String scope, Quarter quarter, Figures quarterFigures, Figures ttm, Figures ytd) {
    }

    private ServicesShares() {
    }

    /** The quarters whose published record may include {@code changed}: itself and the seven after it. */
    public static List<Quarter> quartersCovering(Quarter changed) {
        return IntStream.rangeClosed(0, QUARTERS_REACHED).mapToObj(changed::plus).toList();
    }

    public static Share share(String scope, Quarter quarter, Function<Quarter, Optional<QuarterTotals>> totalsOf) {
        Quarter yearEarlier = quarter.plus(-4);
        return new Share(scope, quarter,
                Figures.of(totalsOf.apply(quarter).orElse(QuarterTotals.ZERO),
                        totalsOf.apply(yearEarlier).orElse(QuarterTotals.ZERO)),
                Figures.of(sum(trailingFour(quarter), totalsOf), sum(trailingFour(yearEarlier), totalsOf)),
                Figures.of(sum(yearToDate(quarter), totalsOf), sum(yearToDate(yearEarlier), totalsOf)));
    }

    private static List<Quarter> trailingFour(Quarter last) {
        return IntStream.rangeClosed(-3, 0).mapToObj(last::plus).toList();
    }

    private static List<Quarter> yearToDate(Quarter last) {
        return IntStream.rangeClosed(1, last.number()).mapToObj(n -> new Quarter(last.year(), n)).toList();
    }

    private static QuarterTotals sum(List<Quarter> quarters, Function<Quarter, Optional<QuarterTotals>> totalsOf) {
        QuarterTotals sum = QuarterTotals.ZERO;
        for (Quarter q : quarters) {
            sum = sum.plus(totalsOf.apply(q).orElse(QuarterTotals.ZERO));
        }
        return sum;
    }
}
