package org.fdipulse.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fdipulse.generate.OfficialScenario;
import org.fdipulse.generate.PlantedEffectScenario;
import org.fdipulse.generate.RandomScenario;
import org.fdipulse.reference.ReferenceData;
import org.fdipulse.generate.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes fx-rates.jsonl, investments.jsonl and measures.jsonl of a scenario, ready for ingest.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", required = true,
            description = "official-2024-2025 (MOFCOM's published figures), random (any size, every rule) or "
                    + "planted-effect (2014-2025 with comparison cities and a known programme impact, --effect; writes the "
                    + "cities.csv to run the job with: --set fdi.reference.cities=OUT/cities.csv).")
    String scenario;

    @Option(names = "--out", required = true, description = "The folder to write to (created when missing).")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Same seed, same files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--investments", defaultValue = "10000",
            description = "For random: how many investment records (default: ${DEFAULT-VALUE}).")
    int investments;

    @Option(names = "--effect", defaultValue = "0.3",
            description = "For planted-effect: X, the pilot's effect on ln(1+services/1e6) (default: ${DEFAULT-VALUE}).")
    double effect;

    @Override
    public Integer call() throws Exception {
        Scenario generated = switch (scenario) {
            case OfficialScenario.NAME -> OfficialScenario.generate(seed);
            case RandomScenario.NAME -> RandomScenario.generate(seed, investments);
            case PlantedEffectScenario.NAME -> PlantedEffectScenario.generate(seed, effect);
            default -> throw new ParameterException(spec.commandLine(), "unknown scenario '" + scenario
                    + "'; use " + OfficialScenario.NAME + ", " + RandomScenario.NAME + " or " + PlantedEffectScenario.NAME);
        };
        generated.writeTo(out);
        spec.commandLine().getOut().println("wrote " + generated.rates().size() + " rates, " + generated.investments().size()
                + " investments and " + generated.measures().size() + " measure updates to " + out
                + (generated.cities().isPresent() ? ", and the cities to run the job with to " + out.resolve(Scenario.CITIES_FILE)
                        + " (--set " + ReferenceData.CITIES_FILE + "=" + out.resolve(Scenario.CITIES_FILE) + ")" : ""));
        return 0;
    }
}
