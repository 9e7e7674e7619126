package org.fdipulse.topology;

import org.fdipulse.avro.PilotProgress;
import org.fdipulse.avro.SectorSummary;
import org.fdipulse.avro.ServicesShare;
import org.fdipulse.avro.ShareFigures;
import org.fdipulse.model.Keys;
import org.fdipulse.model.SectorTotal;
import org.fdipulse.model.PilotProgressCounts;
import org.fdipulse.rules.ServicesShareRollup;

/** The output records of contract section 2, built from the job's figures; their keys are {@link Keys}. */
final class OutputRecords {

    private OutputRecords() {
    }

    /** @param cellKey {@code city|sector|quarter} */
    static SectorSummary sectorSummary(String cellKey, SectorTotal total, String currency) {
        String[] cell = Keys.parts(cellKey);
        return new SectorSummary(cell[0], cell[1], cell[2], currency, total.amount(), total.investments());
    }

    static ServicesShare servicesShare(ServicesShareRollup.Share share, String currency) {
        var own = share.quarterFigures();
        return new ServicesShare(share.scope(), share.quarter().toString(), currency,
                own.services(), own.total(), own.servicesShare(), figures(share.ttm()), figures(share.ytd()));
    }

    /** @param scopeKey {@code scope|focusArea} */
    static PilotProgress pilotProgress(String scopeKey, PilotProgressCounts counts) {
        String[] scope = Keys.parts(scopeKey);
        return new PilotProgress(scope[0], scope[1], counts.planned(), counts.inProgress(), counts.implemented(),
                counts.total(), counts.implementationRate());
    }

    private static ShareFigures figures(ServicesShareRollup.Figures f) {
        return new ShareFigures(f.services(), f.total(), f.servicesShare());
    }
}
