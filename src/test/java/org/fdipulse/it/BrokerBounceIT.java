package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.fdipulse.avro.FxRate;
import org.fdipulse.avro.InvestmentEvent;
import org.fdipulse.avro.MeasureUpdate;
import org.fdipulse.generate.Scenario;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.Describe;
import org.fdipulse.testing.JsonLines;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away while the job is processing and comes back on the same data directory: the job recovers by
 * itself, with no restart by hand, and every figure is exact. The broker here is the {@code broker} command, a child
 * process the test stops (SIGTERM) and starts again.
 */
@DisplayName("reliability: a broker bounce mid-stream leaves the figures exact, with no restart of the job")
class BrokerBounceIT {

    @Test
    @DisplayName("stop the broker mid-stream, start it again 5 s later: the job resumes and the figures equal the model's")
    void brokerBounce() throws Exception {
        Path dir = Path.of("target", "it-data", "bounce");
        assertEquals(0, Jar.run("generate", "--scenario", "random", "--investments", "6000", "--seed", "31",
                "--out", dir.toString()).exit());
        ContractModel model = new ContractModel("USD");
        JsonLines.read(dir.resolve(Scenario.RATES_FILE), FxRate::new).forEach(model::rate);
        JsonLines.read(dir.resolve(Scenario.INVESTMENTS_FILE), InvestmentEvent::new).forEach(model::investment);
        JsonLines.read(dir.resolve(Scenario.MEASURES_FILE), MeasureUpdate::new).forEach(model::measure);

        int brokerPort = Deployment.freePort();
        Path brokerData = Path.of("target", "it-bounce-broker", UUID.randomUUID().toString());
        Jar.Running broker = startBroker(brokerPort, brokerData);
        Deployment d = new Deployment("bounce", "127.0.0.1:" + brokerPort);
        try (Jar.Running job = d.run("USD")) {
            d.ingest("fx-rates", dir.resolve(Scenario.RATES_FILE));
            d.ingest("measures", dir.resolve(Scenario.MEASURES_FILE));
            d.ingest("investments", dir.resolve(Scenario.INVESTMENTS_FILE));
            TimeUnit.SECONDS.sleep(3); // the job is now working through the backlog

            broker.assertStopsCleanly();
            TimeUnit.SECONDS.sleep(5);
            assertTrue(job.isAlive(), "the job waits for the broker rather than giving up");
            broker = startBroker(brokerPort, brokerData);
            long back = System.nanoTime();

            Map<String, String> shares = model.shares();
            assertEquals(shares, d.awaitTopic(d.outputTopic("services-share", "USD"), Describe::shareJson, shares::equals, job),
                    "services shares");
            Map<String, String> cells = model.sectorCells();
            assertEquals(cells, d.awaitTopic(d.outputTopic("sector-summary", "USD"), Describe::sectorJson, cells::equals, job),
                    "sector cells");
            Map<String, String> progress = model.progress();
            assertEquals(progress, d.awaitTopic(d.outputTopic("pilot-progress", "USD"), Describe::progressJson, progress::equals, job),
                    "pilot progress");
            assertEquals(model.deadLetters(), d.deadLettersByReason(), "dead letters by reason");
            System.out.printf("[measured] broker back: every figure exact %.1f s later%n", (System.nanoTime() - back) / 1e9);
            job.assertStopsCleanly();
        } finally {
            broker.close();
        }
    }

    private static Jar.Running startBroker(int port, Path dataDir) throws Exception {
        Jar.Running broker = Jar.start("broker", "--port", String.valueOf(port), "--data-dir", dataDir.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return broker;
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the broker did not start: " + broker.err());
    }
}
