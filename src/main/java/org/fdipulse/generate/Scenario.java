package org.fdipulse.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.output.JsonViews;

/**
 * A generated data set, in arrival order, as {@code generate} writes it: {@code fx-rates.jsonl},
 * {@code investments.jsonl} and {@code measures.jsonl}, each line a record that {@code ingest} accepts (bad records
 * included, where a scenario has them: they are valid JSON for the schema and invalid for the rules).
 */
public record Scenario(List<FxRate> rates, List<InvestmentEvent> investments, List<MeasureUpdate> measures,
                       Optional<String> cities) {

    public static final String RATES_FILE = "fx-rates.jsonl";
    /** Written only by a scenario that needs cities beyond the shipped reference data: run the job with it. */
    public static final String CITIES_FILE = "cities.csv";

    public Scenario(List<FxRate> rates, List<InvestmentEvent> investments, List<MeasureUpdate> measures) {
        this(rates, investments, measures, Optional.empty());
    }
    public static final String INVESTMENTS_FILE = "investments.jsonl";
    public static final String MEASURES_FILE = "measures.jsonl";

    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir.resolve(RATES_FILE), rates);
        write(dir.resolve(INVESTMENTS_FILE), investments);
        write(dir.resolve(MEASURES_FILE), measures);
        if (cities.isPresent()) {
            Files.writeString(dir.resolve(CITIES_FILE), cities.get(), StandardCharsets.UTF_8);
        }
    }

    private static void write(Path file, List<? extends SpecificRecord> records) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (SpecificRecord record : records) {
                out.write(JsonViews.MAPPER.writeValueAsString(JsonViews.inputRecord(record)));
                out.newLine();
            }
        }
    }
}
