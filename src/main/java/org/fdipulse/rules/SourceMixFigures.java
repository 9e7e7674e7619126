package org.fdipulse.rules;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.fdipulse.model.Ratio;
import org.fdipulse.model.SourceMixTotals;

/**
 * R11: where a scope's money came from in a quarter — the amount without a source economy, each group's amount and share
 * of the total, and each group's and economy's year to date (the quarters of the year up to this one, as R4) against
 * the same year to date one year earlier. Group amounts were summed by membership at each event's date, so a year on
 * year compares each year's own members.
 */
public record SourceMixFigures(BigDecimal total, BigDecimal unspecified, Map<String, GroupFigures> byGroup,
                               Map<String, EconomyFigures> byEconomy) {

    public record GroupFigures(BigDecimal amount, BigDecimal share, BigDecimal ytd, BigDecimal ytdShare,
                               BigDecimal ytdYoy) {
    }

    public record EconomyFigures(BigDecimal amount, BigDecimal ytd, BigDecimal ytdYoy) {
    }

    /**
     * The quarters whose record may include {@code changed}: the rest of its year (their year to date covers it) and
     * the same quarters a year later (their year-earlier year to date covers it).
     */
    public static List<Quarter> quartersCovering(Quarter changed) {
        return IntStream.concat(IntStream.rangeClosed(changed.number(), 4), IntStream.rangeClosed(changed.number() + 4, 8))
                .mapToObj(n -> new Quarter(changed.year(), 1).plus(n - 1)).toList();
    }

    /**
     * @param groups   every group of the reference file, each listed even at zero
     * @param totalsOf a scope's totals per quarter; a quarter without any counts as zero
     */
    public static SourceMixFigures of(Quarter quarter, List<String> groups,
                                      Function<Quarter, Optional<SourceMixTotals>> totalsOf) {
        SourceMixTotals now = totalsOf.apply(quarter).orElse(SourceMixTotals.EMPTY);
        SourceMixTotals ytd = yearToDate(quarter, totalsOf);
        SourceMixTotals yearEarlier = yearToDate(quarter.plus(-4), totalsOf);
        BigDecimal total = now.total();
        BigDecimal ytdTotal = ytd.total();
        Map<String, GroupFigures> byGroup = new LinkedHashMap<>();
        for (String group : groups) {
            byGroup.put(group, new GroupFigures(now.group(group), Ratio.of(now.group(group), total),
                    ytd.group(group), Ratio.of(ytd.group(group), ytdTotal),
                    change(ytd.group(group), yearEarlier.group(group))));
        }
        TreeSet<String> listed = new TreeSet<>(now.byEconomy().keySet());
        listed.addAll(ytd.byEconomy().keySet());
        listed.addAll(yearEarlier.byEconomy().keySet());
        listed.remove(SourceMixTotals.UNSPECIFIED);
        Map<String, EconomyFigures> byEconomy = new TreeMap<>();
        for (String economy : listed) {
            byEconomy.put(economy, new EconomyFigures(now.economy(economy), ytd.economy(economy),
                    change(ytd.economy(economy), yearEarlier.economy(economy))));
        }
        return new SourceMixFigures(total, now.economy(SourceMixTotals.UNSPECIFIED), byGroup, byEconomy);
    }

    private static SourceMixTotals yearToDate(Quarter last, Function<Quarter, Optional<SourceMixTotals>> totalsOf) {
        SourceMixTotals sum = SourceMixTotals.EMPTY;
        for (int n = 1; n <= last.number(); n++) {
            sum = sum.plus(totalsOf.apply(new Quarter(last.year(), n)).orElse(SourceMixTotals.EMPTY));
        }
        return sum;
    }

    /** figure ÷ earlier − 1, rounded once, as R7's year on year. */
    private static BigDecimal change(BigDecimal figure, BigDecimal earlier) {
        return Ratio.of(figure.subtract(earlier), earlier);
    }
}
