package org.fdipulse.topology;

import static org.fdipulse.topology.Inputs.investment;
import static org.fdipulse.topology.Inputs.measure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;
import org.fdipulse.avro.SectorSummary;
import org.fdipulse.config.PulseSettings;
import org.fdipulse.metrics.PipelineCounters;
import org.fdipulse.serde.AvroSerdes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Properties;

@DisplayName("Inputs keyed as section 2 says go straight to their ledger; others are repartitioned there")
class LedgerPartitionsTest {

    @Test
    @DisplayName("revisions of one eventId, one keyed by the eventId and one not, meet in one ledger entry")
    void investmentKeyedOtherwise() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.sendRawInvestment("e1", AvroSerdes.investmentEvent().encode(
                    investment("e1", 0, "tianjin", "F", "100.00", "USD", "2025-05-05T00:00:00Z")));
            driver.sendRawInvestment("not-the-event-id", AvroSerdes.investmentEvent().encode(
                    investment("e1", 1, "tianjin", "F", "250.00", "USD", "2025-05-05T00:00:00Z")));
            driver.sendRawInvestment("e1", AvroSerdes.investmentEvent().encode(
                    investment("e1", 0, "tianjin", "F", "999.00", "USD", "2025-05-05T00:00:00Z")));

            SectorSummary cell = driver.sectorSummaries().get("tianjin|F|2025-Q2");
            assertEquals("250.00", cell.getAmount().toPlainString());
            assertEquals(1, cell.getInvestments());
            assertEquals(1, driver.counters.duplicateInvestments());
        }
    }

    @Test
    @DisplayName("a measure keyed with its city in other letter case is the same measure as one keyed exactly")
    void measureKeyedInOtherCase() {
        try (PulseDriver driver = new PulseDriver()) {
            driver.sendRawMeasure("WUHAN|M-010", AvroSerdes.measureUpdate().encode(
                    measure("u1", "M-010", "WUHAN", "TRADE", "PLANNED", "2025-05-01T00:00:00Z")));
            driver.sendRawMeasure("wuhan|M-010", AvroSerdes.measureUpdate().encode(
                    measure("u2", "M-010", "wuhan", "TRADE", "IMPLEMENTED", "2025-06-01T00:00:00Z")));

            var progress = driver.progress().get("wuhan|TRADE");
            assertEquals(0, progress.getPlanned());
            assertEquals(1, progress.getImplemented());
            assertEquals(1, progress.getTotal());
        }
    }

    @Test
    @DisplayName("in place means keyed by the ledger key and in the partition the default partitioner gives it")
    void inPlace() {
        byte[] key = "e1".getBytes(StandardCharsets.UTF_8);
        int home = Utils.toPositive(Utils.murmur2(key)) % 6;
        assertTrue(LedgerPartitions.isInPlace(key, "e1", home, 6));
        assertTrue(!LedgerPartitions.isInPlace(key, "e1", (home + 1) % 6, 6), "another partitioner's choice");
        assertTrue(!LedgerPartitions.isInPlace("E1".getBytes(StandardCharsets.UTF_8), "e1", home, 6), "another key");
        assertTrue(!LedgerPartitions.isInPlace(null, "e1", home, 6), "no key");
        assertTrue(!LedgerPartitions.isInPlace(key, "e1", 0, 0), "partition count unknown");
    }

    @Test
    @DisplayName("the ledger reads the input topic and its repartition topic in one sub-topology")
    void oneSubTopology() {
        String description = PulseTopology.build(PulseSettings.from(new Properties()), new PipelineCounters())
                .describe().toString();
        String ledger = description.substring(description.indexOf("Processor: " + PulseTopology.INVESTMENT_REVISIONS) - 1);
        String subTopology = description.substring(description.lastIndexOf("Sub-topology", description.indexOf(ledger)));
        subTopology = subTopology.substring(0, subTopology.indexOf("Sub-topology", 5) < 0 ? subTopology.length()
                : subTopology.indexOf("Sub-topology", 5));
        assertTrue(subTopology.contains("topics: [fdi.investments]"), subTopology);
        assertTrue(subTopology.contains("topics: [" + PulseTopology.INVESTMENT_LEDGER + "-repartition]"), subTopology);
    }
}
