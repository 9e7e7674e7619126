package org.fdipulse.output;

import java.util.List;
import org.fdipulse.avro.Alert;
import org.fdipulse.avro.CapitalMix;
import org.fdipulse.avro.ImpactEstimate;
import org.fdipulse.avro.PilotProgress;
import org.fdipulse.avro.SectorSummary;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.avro.SourceMix;
import org.fdipulse.keys.AlertKey;
import org.fdipulse.keys.ImpactKey;
import org.fdipulse.keys.ScopeFocusArea;
import org.fdipulse.keys.ScopeQuarter;
import org.fdipulse.keys.SectorCell;

/**
 * The output topics of contract section 2: one entry each. Topic creation and its settings check, the topology's
 * sinks, the JSON output format, {@code tail}, the live feed and the HTTP API all read these entries, so adding an
 * output is an entry here, its schema and its rule (docs/architecture.md, "Add an output").
 */
public final class Outputs {

    public static final OutputTopic<SectorSummary> SECTOR_SUMMARY = OutputTopic.of("sector-summary",
            "fdi.sector-summary", "sector-summary", SectorSummary.class, SectorSummary.getEncoder(),
            SectorSummary::createDecoder, JsonViews::sectorSummary,
            s -> new SectorCell(s.getCity(), s.getSector(), s.getQuarter()).encode());

    public static final OutputTopic<ServicesShare> SERVICES_SHARE = OutputTopic.of("services-share",
            "fdi.services-share", "services-share", ServicesShare.class, ServicesShare.getEncoder(),
            ServicesShare::createDecoder, JsonViews::share, s -> new ScopeQuarter(s.getScope(), s.getQuarter()).encode());

    public static final OutputTopic<PilotProgress> PILOT_PROGRESS = OutputTopic.of("pilot-progress",
            "pilot.progress", "pilot-progress", PilotProgress.class, PilotProgress.getEncoder(),
            PilotProgress::createDecoder, JsonViews::progress,
            p -> new ScopeFocusArea(p.getScope(), p.getFocusArea()).encode());

    /** v2 (R8). */
    public static final OutputTopic<CapitalMix> CAPITAL_MIX = OutputTopic.of("capital-mix",
            "fdi.capital-mix", "capital-mix", CapitalMix.class, CapitalMix.getEncoder(),
            CapitalMix::createDecoder, JsonViews::capitalMix, m -> new ScopeQuarter(m.getScope(), m.getQuarter()).encode());

    /** v2 (R9). */
    public static final OutputTopic<Alert> ALERTS = OutputTopic.of("alerts",
            "fdi.alerts", "alert", Alert.class, Alert.getEncoder(),
            Alert::createDecoder, JsonViews::alert, a -> new AlertKey(a.getRule(), a.getScope(), a.getQuarter()).encode());

    /** v3 (R10); tombstones where an estimate is no longer defined. */
    public static final OutputTopic<ImpactEstimate> PROGRAMME_IMPACT = OutputTopic.of("programme-impact",
            "fdi.programme-impact", "impact", ImpactEstimate.class, ImpactEstimate.getEncoder(),
            ImpactEstimate::createDecoder, JsonViews::impact, Outputs::impactKey);

    /** v3 (R11). */
    public static final OutputTopic<SourceMix> SOURCE_MIX = OutputTopic.of("source-mix",
            "fdi.source-mix", "source-mix", SourceMix.class, SourceMix.getEncoder(),
            SourceMix::createDecoder, JsonViews::sourceMix, m -> new ScopeQuarter(m.getScope(), m.getQuarter()).encode());

    /** Every output, in the order the docs list them. */
    public static final List<OutputTopic<?>> EVERY = List.of(SECTOR_SUMMARY, SERVICES_SHARE, PILOT_PROGRESS, CAPITAL_MIX, ALERTS,
            PROGRAMME_IMPACT, SOURCE_MIX);

    private Outputs() {
    }

    private static String impactKey(ImpactEstimate e) {
        return switch (e.getKind()) {
            case CELL -> ImpactKey.cell(e.getCohort(), e.getQuarter()).encode();
            case EVENT_TIME -> ImpactKey.eventTime(e.getEventTime()).encode();
            case OVERALL -> ImpactKey.overall().encode();
        };
    }
}
