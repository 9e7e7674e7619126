package org.fdipulse.topology;

import java.time.Instant;
import java.util.TreeMap;
import org.fdipulse.avro.Alert;
import org.fdipulse.avro.AlertState;
import org.fdipulse.avro.CapitalMix;
import org.fdipulse.avro.PilotProgress;
import org.fdipulse.avro.SectorSummary;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.avro.ShareFigures;
import org.fdipulse.model.CapitalMixTotals;
import org.fdipulse.model.Keys;
import org.fdipulse.model.PilotProgressCounts;
import org.fdipulse.model.SectorTotal;
import org.fdipulse.rules.AlertRules;
import org.fdipulse.rules.CapitalMixShares;
import org.fdipulse.rules.ServicesShareRollup;

/** The output records of contract section 2, built from the job's figures; their keys are {@link Keys}. */
final class OutputRecords {

    private OutputRecords() {
    }

    /** @param cellKey {@code city|quarter|sector}, the rollup's store key */
    static SectorSummary sectorSummary(String cellKey, SectorTotal total, String currency) {
        String[] cell = Keys.parts(cellKey);
        return new SectorSummary(cell[0], cell[2], cell[1], currency, total.amount(), total.investments());
    }

    static ServicesShare servicesShare(ServicesShareRollup.Share share, String currency) {
        var own = share.quarterFigures();
        return new ServicesShare(share.scope(), share.quarter().toString(), currency,
                own.services(), own.total(), own.servicesShare(), figures(share.ttm()), figures(share.ytd()),
                own.totalYoy(), own.servicesYoy());
    }

    /** @param scopeQuarter {@code scope|quarter} */
    static CapitalMix capitalMix(String scopeQuarter, CapitalMixTotals totals, String currency) {
        String[] key = Keys.parts(scopeQuarter);
        CapitalMixShares mix = CapitalMixShares.of(totals);
        return new CapitalMix(key[0], key[1], currency, mix.total(), new TreeMap<>(mix.byInvestorType()),
                mix.green(), mix.greenShare(), mix.targetedInvestors(), mix.targetedInvestorsShare(),
                mix.targetedGreen(), mix.targetedGreenShare());
    }

    static Alert alert(String scope, String quarter, AlertRules.Evaluation evaluation, long changedAt) {
        return new Alert(evaluation.rule(), scope, quarter, evaluation.firing() ? AlertState.FIRING : AlertState.RESOLVED,
                evaluation.value(), evaluation.threshold(), Instant.ofEpochMilli(changedAt));
    }

    /** @param scopeKey {@code scope|focusArea} */
    static PilotProgress pilotProgress(String scopeKey, PilotProgressCounts counts) {
        String[] scope = Keys.parts(scopeKey);
        return new PilotProgress(scope[0], scope[1], counts.planned(), counts.inProgress(), counts.implemented(),
                counts.total(), counts.implementationRate());
    }

    /** The counts a progress record was built from: the rollup keeps the published record and moves its counts. */
    static PilotProgressCounts progressCounts(PilotProgress published) {
        return new PilotProgressCounts(published.getPlanned(), published.getInProgress(), published.getImplemented());
    }

    private static ShareFigures figures(ServicesShareRollup.Figures f) {
        return new ShareFigures(f.services(), f.total(), f.servicesShare(), f.totalYoy(), f.servicesYoy());
    }
}
