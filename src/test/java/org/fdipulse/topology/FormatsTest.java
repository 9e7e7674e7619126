package org.fdipulse.topology;

import static org.fdipulse.topology.Inputs.usd;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.output.Outputs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Formats other tools read (contract v2): JSON outputs, JSON inputs beside Avro")
class FormatsTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("fdi.output.format=json writes the HTTP API's shapes, under the same keys")
    void jsonOutputs() {
        try (PulseDriver driver = new PulseDriver("USD", Map.of("fdi.output.format", "json"))) {
            driver.send(usd("e1", "beijing", "F", "5.00", "2025-01-01T00:00:00Z"));
            driver.send(usd("e2", "beijing", "C", "15.00", "2025-01-01T00:00:00Z"));
            driver.send(Inputs.measure("u1", "M-001", "beijing", "FINANCE", "IMPLEMENTED", "2025-01-01T00:00:00Z"));

            assertEquals("{\"city\":\"beijing\",\"sector\":\"F\",\"quarter\":\"2025-Q1\",\"currency\":\"USD\",\"amount\":\"5.00\","
                    + "\"investments\":1}", driver.latestText(Outputs.SECTOR_SUMMARY).get("beijing|F|2025-Q1"));
            assertEquals("{\"scope\":\"ALL\",\"quarter\":\"2025-Q1\",\"currency\":\"USD\",\"services\":\"5.00\",\"total\":\"20.00\","
                    + "\"servicesShare\":0.2500,\"totalYoy\":null,\"servicesYoy\":null,"
                    + "\"ttm\":{\"services\":\"5.00\",\"total\":\"20.00\",\"servicesShare\":0.2500,\"totalYoy\":null,\"servicesYoy\":null},"
                    + "\"ytd\":{\"services\":\"5.00\",\"total\":\"20.00\",\"servicesShare\":0.2500,\"totalYoy\":null,\"servicesYoy\":null}}",
                    driver.latestText(Outputs.SERVICES_SHARE).get("ALL|2025-Q1"));
            assertEquals("{\"scope\":\"beijing\",\"focusArea\":\"FINANCE\",\"planned\":0,\"inProgress\":0,\"implemented\":1,"
                    + "\"total\":1,\"implementationRate\":1.0000}", driver.latestText(Outputs.PILOT_PROGRESS).get("beijing|FINANCE"));
        }
    }

    @Test
    @DisplayName("(v3) fdi.output.format=json writes R10's estimates as numbers with 4 decimals, nulls written")
    void jsonImpact() {
        try (PulseDriver driver = new PulseDriver("USD", Map.of("fdi.output.format", "json"))) {
            // the panel is 2025-Q1..Q2; the 2025 cohort (9 cities) has no change (xian 1,000,000 in both quarters, the
            // others none) and 'other', the one control, goes from ln 2 to ln 4: ATT(2025-Q2, 2025-Q2) = 0 - ln 2
            driver.send(usd("x1", "xian", "K", "1000000.00", "2025-01-10T00:00:00Z"));
            driver.send(usd("x2", "xian", "K", "1000000.00", "2025-04-10T00:00:00Z"));
            driver.send(usd("o1", "other", "K", "1000000.00", "2025-01-10T00:00:00Z"));
            driver.send(usd("o2", "other", "K", "3000000.00", "2025-04-10T00:00:00Z"));
            Map<String, String> impact = driver.latestText(Outputs.PROGRAMME_IMPACT);
            assertEquals("{\"kind\":\"CELL\",\"cohort\":\"2025-Q2\",\"quarter\":\"2025-Q2\",\"baseQuarter\":\"2025-Q1\","
                    + "\"eventTime\":0,\"estimate\":-0.6931,\"standardError\":0.0000,\"low\":-0.6931,\"high\":-0.6931,"
                    + "\"treatedCities\":9,\"controlCities\":1,\"cohorts\":1,\"currency\":\"USD\",\"outcome\":\"ln(1+services/1e6)\"}",
                    impact.get("cell|2025-Q2|2025-Q2"));
            assertEquals("{\"kind\":\"OVERALL\",\"cohort\":null,\"quarter\":null,\"baseQuarter\":null,\"eventTime\":null,"
                    + "\"estimate\":-0.6931,\"standardError\":0.0000,\"low\":-0.6931,\"high\":-0.6931,\"treatedCities\":9,"
                    + "\"controlCities\":null,\"cohorts\":1,\"currency\":\"USD\",\"outcome\":\"ln(1+services/1e6)\"}",
                    impact.get("overall"));
            assertEquals(List.of("cell|2025-Q2|2025-Q2", "event|0", "overall"), impact.keySet().stream().sorted().toList());
        }
    }

    @Test
    @DisplayName("fdi.output.format=json writes a source-mix record in the contract's shape: every group, economies in "
            + "key order, amounts as strings, ratios as numbers or null")
    void jsonSourceMix() {
        try (PulseDriver driver = new PulseDriver("USD", Map.of("fdi.output.format", "json"))) {
            driver.send(InvestmentEvent.newBuilder(usd("s1", "xian", "K", "75.00", "2025-05-01T00:00:00Z"))
                    .setSourceEconomy("sg").build());
            driver.send(usd("s2", "xian", "K", "25.00", "2025-05-02T00:00:00Z"));
            Map<String, String> mix = driver.latestText(Outputs.SOURCE_MIX);
            assertEquals("{\"scope\":\"xian\",\"quarter\":\"2025-Q2\",\"currency\":\"USD\",\"total\":\"100.00\","
                    + "\"unspecified\":\"25.00\",\"byGroup\":{"
                    + "\"ASEAN\":{\"amount\":\"75.00\",\"share\":0.7500,\"ytd\":\"75.00\",\"ytdShare\":0.7500,\"ytdYoy\":null},"
                    + "\"EU\":{\"amount\":\"0.00\",\"share\":0.0000,\"ytd\":\"0.00\",\"ytdShare\":0.0000,\"ytdYoy\":null},"
                    + "\"HONG_KONG_MACAO\":{\"amount\":\"0.00\",\"share\":0.0000,\"ytd\":\"0.00\",\"ytdShare\":0.0000,\"ytdYoy\":null}},"
                    + "\"byEconomy\":{\"SG\":{\"amount\":\"75.00\",\"ytd\":\"75.00\",\"ytdYoy\":null}}}",
                    mix.get("xian|2025-Q2"));
        }
    }

    @Test
    @DisplayName("fdi.input.formats=avro,json reads JSON objects with ingest's mapping; JSON the schema cannot hold is MALFORMED")
    void jsonInputs() {
        try (PulseDriver driver = new PulseDriver("USD", Map.of("fdi.input.formats", "avro,json"))) {
            driver.sendRawRate("EUR", utf8("{\"currency\":\"eur\",\"unitsPerUsd\":\"0.8\",\"validFrom\":\"2024-12-01T00:00:00Z\"}"));
            driver.sendRawInvestment("j1", utf8("{\"eventId\":\"j1\",\"city\":\" Beijing \",\"sector\":\"f\",\"amount\":8,"
                    + "\"currency\":\"EUR\",\"occurredAt\":\"2025-01-01T08:00:00+08:00\",\"unknownField\":true}"));
            driver.send(usd("a1", "beijing", "F", "1.00", "2025-01-01T00:00:00Z"));                     // Avro beside it
            driver.sendRawInvestment("j2", utf8("{\"eventId\":\"j2\",\"city\":\"beijing\",\"sector\":\"F\",\"amount\":1,"
                    + "\"currency\":\"USD\",\"occurredAt\":\"2025-01-01T00:00:00Z\",\"investorType\":\"BANK\"}"));
            driver.sendRawInvestment("j3", utf8("{\"eventId\":\"j3\",\"city\":\"beijing\",\"sector\":\"F\",\"amount\":\"1e40\","
                    + "\"currency\":\"USD\",\"occurredAt\":\"2025-01-01T00:00:00Z\"}"));
            driver.sendRawInvestment("j4", utf8("[1, 2]"));
            driver.sendRawMeasure("beijing|M-1", utf8("{\"updateId\":\"u1\",\"measureId\":\"M-1\",\"city\":\"beijing\","
                    + "\"focusArea\":\"FINANCE\",\"status\":\"PLANNED\",\"occurredAt\":\"2025-01-01T00:00:00Z\"}"));

            assertEquals("11.00", driver.sectorSummaries().get("beijing|F|2025-Q1").getAmount().toPlainString(),
                    "8 EUR at 0.8 per USD, and the Avro record's 1.00");
            assertEquals(List.of("MALFORMED", "MALFORMED", "MALFORMED"),
                    driver.deadLetters().stream().map(PulseDriver.DeadLetter::reason).toList());
            assertEquals(1, driver.progress().get("beijing|FINANCE").getPlanned());
        }
    }

    @Test
    @DisplayName("by default only Avro is read: a JSON investment is MALFORMED")
    void avroOnlyByDefault() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.sendRawInvestment("j1", utf8("{\"eventId\":\"j1\",\"city\":\"beijing\",\"sector\":\"F\",\"amount\":8,"
                    + "\"currency\":\"USD\",\"occurredAt\":\"2025-01-01T00:00:00Z\"}"));
            assertEquals(List.of("MALFORMED"), driver.deadLetters().stream().map(PulseDriver.DeadLetter::reason).toList());
        }
    }
}
