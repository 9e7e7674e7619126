package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.fdipulse.testing.ContractModel;
import org.fdipulse.testing.Describe;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two instances of one job (four partitions, one standby replica each). One is stopped mid-stream and later started
 * again: the other keeps answering queries throughout (200, or 503 while keys move; never a failure of another
 * kind), nothing is counted twice, and at the end both instances answer the model's figures.
 */
@DisplayName("reliability: an instance leaves mid-stream and comes back; queries answered throughout, figures exact")
class RebalanceIT {


    @Test
    @DisplayName("stop one of two instances mid-stream, start it again: figures exact, queries 200 or 503 only")
    void instanceLeavesAndReturns() throws Exception {
        RandomData data = RandomData.generate("rebalance", 8000, 53);
        ContractModel model = data.model();

        Deployment d = new Deployment("rebalance");
        d.ingest("fx-rates", data.rates());
        int portA = Deployment.freePort();
        int portB = Deployment.freePort();
        Path stateB = Path.of("target", "it-state", "rebalance-b-" + UUID.randomUUID());
        Map<Integer, Integer> statuses = new TreeMap<>();
        AtomicBoolean querying = new AtomicBoolean(true);
        try (Jar.Running a = d.run("USD", portA, "num.standby.replicas=1")) {
            Jar.Running b = d.run("USD", portB, stateB, "num.standby.replicas=1");
            JobHttp.awaitHealthy(portA, a);
            JobHttp.awaitHealthy(portB, b);
            Thread poller = new Thread(() -> {
                while (querying.get()) {
                    try {
                        int status = JobHttp.get(portA, "/api/v1/services-share/ALL/2024-Q3").statusCode();
                        synchronized (statuses) {
                            statuses.merge(status, 1, Integer::sum);
                        }
                        Thread.sleep(50);
                    } catch (Exception e) {
                        synchronized (statuses) {
                            statuses.merge(-1, 1, Integer::sum);
                        }
                    }
                }
            });
            poller.start();
            Jar.Running ingest = d.startIngest("investments", data.investments());
            d.ingest("measures", data.measures());
            long total = Files.readAllLines(data.investments()).size();
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", d.bootstrap))) {
                // placed by progress: a quarter of the investments committed, and not all of them
                GroupWatch.awaitMidStream(admin, "rebalance-usd", d.topic("investments"), total / 4, total, a, "B's leaving");
            }
            b.assertStopsCleanly();                          // B leaves mid-stream: A takes over its tasks
            TimeUnit.SECONDS.sleep(5);                       // B's absence: a duration, not a condition
            b = d.run("USD", portB, stateB, "num.standby.replicas=1"); // and comes back on its old state
            while (ingest.isAlive()) {
                Thread.sleep(200);
            }
            try (Jar.Running bAgain = b) {
                d.assertMatches(model, a);
                querying.set(false);
                poller.join();
                JobHttp.awaitHealthy(portB, bAgain);
                for (int port : new int[] {portA, portB}) {
                    String expected = model.shares().get("ALL|2024-Q3");
                    String actual = Describe.shareJson(new ObjectMapper().readTree(JobHttp.get(port, "/api/v1/services-share/ALL/2024-Q3").body()));
                    assertEquals(expected, actual, "the share from instance on port " + port);
                }
                System.out.printf("[measured] statuses seen on the surviving instance while the other left and returned: %s%n", statuses);
                assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 404 || s == 503),
                        "only 200, 404 (before the first record) or 503 (while keys move): " + statuses);
                assertTrue(statuses.getOrDefault(200, 0) > 0, "answers during the run: " + statuses);
            }
        } finally {
            querying.set(false);
        }
    }


}
