package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.fdipulse.testing.ContractModel;
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
        // no withdrawals nor revisions, so the history check also holds every total to only growing: a producer's batch
        // retried across the bounce and counted twice would show as a total above its final value
        RandomData data = RandomData.growingOnly("bounce", 6000, 31);
        ContractModel model = data.model();

        int brokerPort = Deployment.freePort();
        Path brokerData = Path.of("target", "it-bounce-broker", UUID.randomUUID().toString());
        Jar.Running broker = Jar.startBroker(brokerPort, brokerData);
        Deployment d = new Deployment("bounce", "127.0.0.1:" + brokerPort).withInputThatOnlyGrows();
        try (Jar.Running job = d.run("USD")) {
            d.ingest("fx-rates", data.rates());
            d.ingest("measures", data.measures());
            d.ingest("investments", data.investments());
            long total = Files.readAllLines(data.investments()).size();
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", d.bootstrap))) {
                // placed by progress: the job has committed a quarter of the backlog, and not all of it
                GroupWatch.awaitMidStream(admin, "bounce-usd", d.topic("investments"), total / 4, total, job, "the bounce");
            }

            broker.assertStopsCleanly();
            TimeUnit.SECONDS.sleep(5);   // the outage's length: a duration, not a condition
            assertTrue(job.isAlive(), "the job waits for the broker rather than giving up");
            broker = Jar.startBroker(brokerPort, brokerData);
            long back = System.nanoTime();

            d.assertMatches(model, job);
            System.out.printf("[measured] broker back: every figure exact %.1f s later%n", (System.nanoTime() - back) / 1e9);
            job.assertStopsCleanly();
        } finally {
            broker.close();
        }
    }
}
