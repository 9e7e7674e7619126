package org.fdipulse.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecordBase;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.serde.JsonToAvro;

/**
 * The golden-2000 oracle of {@code src/test/resources/golden-2000}: figures computed by a separate implementation of
 * the contract, as the texts of {@link Describe}, and its inputs in arrival order. Its keys are spelled out here as
 * the contract writes them, not built with the job's {@code Keys}, so that a wrong key format cannot pass unseen.
 */
public final class GoldenFixture {

    public static final String DIR = "/golden-2000/";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final JsonNode expected;

    private GoldenFixture(JsonNode expected) {
        this.expected = expected;
    }

    public static GoldenFixture load() {
        try {
            return new GoldenFixture(JSON.readTree(resource("expected.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code city|sector|quarter} → amount and count, for the cells with at least one counted investment. */
    public Map<String, String> sectorCells() {
        Map<String, String> cells = new TreeMap<>();
        expected.get("investments").fields().forEachRemaining(cityQuarter -> {
            String[] parts = cityQuarter.getKey().split("\\|");
            cityQuarter.getValue().get("sectors").fields().forEachRemaining(sector -> cells.put(
                    parts[0] + "|" + sector.getKey() + "|" + parts[1],
                    Describe.cell(new BigDecimal(sector.getValue().get("amount").asText()), sector.getValue().get("investments").asInt())));
        });
        return cells;
    }

    /** {@code scope|quarter} → quarter, TTM and YTD figures. */
    public Map<String, String> shares() {
        Map<String, String> shares = new TreeMap<>();
        expected.get("shares").fields().forEachRemaining(e -> shares.put(e.getKey(), Describe.shareJson(e.getValue())));
        return shares;
    }

    /** {@code scope|focusArea} → counts and rate, for the keys with at least one counted measure. */
    public Map<String, String> progress() {
        Map<String, String> progress = new TreeMap<>();
        expected.get("progress").fields().forEachRemaining(scope -> scope.getValue().fields().forEachRemaining(area ->
                progress.put(scope.getKey() + "|" + area.getKey(), Describe.progressJson(area.getValue()))));
        return progress;
    }

    public Map<String, Integer> deadLetters() {
        Map<String, Integer> byReason = new TreeMap<>();
        expected.get("deadLetters").get("byReason").fields().forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asInt()));
        return byReason;
    }

    public static List<FxRate> rates() {
        return read("fx.jsonl", FxRate::new);
    }

    public static List<InvestmentEvent> investments() {
        return read("investments.jsonl", InvestmentEvent::new);
    }

    public static List<MeasureUpdate> measures() {
        return read("measures.jsonl", MeasureUpdate::new);
    }

    /** A copy of an input file on disk, for {@code ingest}. */
    public static Path copyTo(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        Files.writeString(file, resource(name), StandardCharsets.UTF_8);
        return file;
    }

    private static <T extends SpecificRecordBase> List<T> read(String name, Supplier<T> record) {
        try {
            return resource(name).lines().filter(l -> !l.isBlank()).map(line -> {
                try {
                    return JsonToAvro.read(line, record);
                } catch (JsonToAvro.InvalidLineException e) {
                    throw new AssertionError("fixture line does not parse: " + e.getMessage() + ": " + line, e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GoldenFixture.class.getResourceAsStream(DIR + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
