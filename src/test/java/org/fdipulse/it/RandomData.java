package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.generate.Scenario;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.JsonLines;

/**
 * A random scenario written by the {@code generate} command, and what {@link ContractModel} says the job must make
 * of it (rates, then investments, then measure updates, as the tests send them).
 */
record RandomData(Path dir, ContractModel model) {

    static RandomData generate(String name, int investments, long seed) throws Exception {
        Path dir = Path.of("target", "it-data", name);
        Jar.Result generated = Jar.run("generate", "--scenario", "random", "--investments", String.valueOf(investments),
                "--seed", String.valueOf(seed), "--out", dir.toString());
        assertEquals(0, generated.exit(), generated.err());
        ContractModel model = new ContractModel("USD");
        JsonLines.read(dir.resolve(Scenario.RATES_FILE), FxRate::new).forEach(model::rate);
        JsonLines.read(dir.resolve(Scenario.INVESTMENTS_FILE), InvestmentEvent::new).forEach(model::investment);
        JsonLines.read(dir.resolve(Scenario.MEASURES_FILE), MeasureUpdate::new).forEach(model::measure);
        return new RandomData(dir, model);
    }

    Path rates() {
        return dir.resolve(Scenario.RATES_FILE);
    }

    Path investments() {
        return dir.resolve(Scenario.INVESTMENTS_FILE);
    }

    Path measures() {
        return dir.resolve(Scenario.MEASURES_FILE);
    }
}
