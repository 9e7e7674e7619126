package org.fdipulse.topology;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.fdipulse.avro.EconomyFigures;
import org.fdipulse.avro.GroupFigures;
import org.fdipulse.avro.SourceMix;
import org.fdipulse.avro.Alert;
import org.fdipulse.avro.AlertState;
import org.fdipulse.avro.CapitalMix;
import org.fdipulse.avro.PilotProgress;
import org.fdipulse.avro.SectorSummary;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.avro.ShareFigures;
import org.fdipulse.model.CapitalMixTotals;
import org.fdipulse.keys.ScopeFocusArea;
import org.fdipulse.keys.ScopeQuarter;
import org.fdipulse.keys.SectorCell;
import org.fdipulse.model.PilotProgressCounts;
import org.fdipulse.model.SectorTotal;
import org.fdipulse.rules.SourceMixFigures;
import org.fdipulse.rules.AlertRules;
import org.fdipulse.rules.CapitalMixShares;
import org.fdipulse.rules.ServicesShares;

/** The output records of contract section 2, built from the job's figures; their keys follow from them ({@code Outputs}). */
final class OutputRecords {

    private OutputRecords() {
    }

    static SectorSummary sectorSummary(SectorCell cell, SectorTotal total, String currency) {
        return new SectorSummary(cell.city(), cell.sector(), cell.quarter(), currency, total.amount(), total.investments());
    }

    static ServicesShare servicesShare(ServicesShares.Share share, String currency) {
        var own = share.quarterFigures();
        return new ServicesShare(share.scope(), share.quarter().toString(), currency,
                own.services(), own.total(), own.servicesShare(), figures(share.ttm()), figures(share.ytd()),
                own.totalYoy(), own.servicesYoy());
    }

    static CapitalMix capitalMix(ScopeQuarter scopeQuarter, CapitalMixTotals totals, String currency) {
        CapitalMixShares mix = CapitalMixShares.of(totals);
        return new CapitalMix(scopeQuarter.scope(), scopeQuarter.quarter(), currency, mix.total(), new TreeMap<>(mix.byInvestorType()),
                mix.green(), mix.greenShare(), mix.targetedInvestors(), mix.targetedInvestorsShare(),
                mix.targetedGreen(), mix.targetedGreenShare());
    }

    static SourceMix sourceMix(ScopeQuarter scopeQuarter, SourceMixFigures mix, String currency) {
        Map<String, GroupFigures> byGroup = new TreeMap<>();
        mix.byGroup().forEach((group, g) -> byGroup.put(group,
                new GroupFigures(g.amount(), g.share(), g.ytd(), g.ytdShare(), g.ytdYoy())));
        Map<String, EconomyFigures> byEconomy = new TreeMap<>();
        mix.byEconomy().forEach((economy, e) -> byEconomy.put(economy, new EconomyFigures(e.amount(), e.ytd(), e.ytdYoy())));
        return new SourceMix(scopeQuarter.scope(), scopeQuarter.quarter(), currency, mix.total(), mix.unspecified(),
                byGroup, byEconomy);
    }

    static Alert alert(String scope, String quarter, AlertRules.Evaluation evaluation, long changedAt) {
        return new Alert(evaluation.rule(), scope, quarter, evaluation.firing() ? AlertState.FIRING : AlertState.RESOLVED,
                evaluation.value(), evaluation.threshold(), Instant.ofEpochMilli(changedAt));
    }

    static PilotProgress pilotProgress(ScopeFocusArea scopeArea, PilotProgressCounts counts) {
        return new PilotProgress(scopeArea.scope(), scopeArea.focusArea(), counts.planned(), counts.inProgress(), counts.implemented(),
                counts.total(), counts.implementationRate());
    }

    /** The counts a progress record was built from: the rollup keeps the published record and moves its counts. */
    static PilotProgressCounts progressCounts(PilotProgress published) {
        return new PilotProgressCounts(published.getPlanned(), published.getInProgress(), published.getImplemented());
    }

    private static ShareFigures figures(ServicesShares.Figures f) {
        return new ShareFigures(f.services(), f.total(), f.servicesShare(), f.totalYoy(), f.servicesYoy());
    }
}
