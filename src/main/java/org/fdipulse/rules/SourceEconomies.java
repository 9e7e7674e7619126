package org.fdipulse.rules;

import java.time.LocalDate;
import java.util.List;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.model.SourceMixTotals;
import org.fdipulse.reference.ReferenceData;

/**
 * R11: where an admitted investment's money comes from — its source economy (trimmed, case-insensitive; blank or absent
 * is {@link SourceMixTotals#UNSPECIFIED}) and the groups that economy was in on the event's Asia/Shanghai date. An
 * unknown code never gets here: validation rejects it as UNKNOWN_ECONOMY.
 */
public final class SourceEconomies {

    /** An event's source: its economy and the groups it was in that day, in the groups file's order. */
    public record Source(String economy, List<String> groups) {
        public static final Source UNSPECIFIED = new Source(SourceMixTotals.UNSPECIFIED, List.of());
    }

    private final ReferenceData reference;

    public SourceEconomies(ReferenceData reference) {
        this.reference = reference;
    }

    public Source of(InvestmentEvent event) {
        String input = event.getSourceEconomy();
        if (input == null || input.isBlank()) {
            return Source.UNSPECIFIED;
        }
        String code = reference.economy(input).orElseThrow(() -> new IllegalArgumentException(
                "sourceEconomy '" + input + "' was admitted without being validated"));
        LocalDate day = event.getOccurredAt().atZone(Quarter.ZONE).toLocalDate();
        return new Source(code, reference.groupsOf(code, day));
    }
}
