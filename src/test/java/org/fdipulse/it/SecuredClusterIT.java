package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The job on a cluster whose only listener is SASL_SSL (SCRAM-SHA-512 over TLS), as on Confluent Cloud, MSK or a
 * company cluster: {@code ingest}, {@code run}, {@code tail} and the live feed all work from one {@code --config}
 * file, the figures equal the model's, no secret appears in a log or in {@code /metrics}, and wrong credentials
 * fail fast with a message that names the settings to check.
 */
@DisplayName("a secured cluster: SASL_SSL only, credentials from a file")
class SecuredClusterIT {

    private static final String PASSWORD = "fdi-" + UUID.randomUUID();

    @Test
    @DisplayName("ingest, run, tail and the live feed over SASL_SSL; wrong credentials fail fast and clearly")
    void everyClientOverSaslSsl() throws Exception {
        try (SecuredBroker broker = SecuredBroker.start()) {
            broker.createUser("fdi", PASSWORD);
            Path config = broker.clientConfig("fdi", PASSWORD);
            RandomData data = RandomData.generate("secured", 400, 53);
            Deployment d = new Deployment("secured", broker.bootstrapServers(), config);
            d.ingest("fx-rates", data.rates());
            int port = Deployment.freePort();
            try (Jar.Running job = d.run("USD", port)) {
                JobHttp.awaitHealthy(port, job);
                CompletableFuture<String> firstEvent = firstLiveFeedEvent(port);
                d.ingest("investments", data.investments());
                d.ingest("measures", data.measures());
                String event = firstEvent.get(3, TimeUnit.MINUTES);
                assertTrue(event.startsWith("event: "), event);

                d.assertMatches(data.model(), job);
                String metrics = JobHttp.get(port, "/metrics").body();
                assertFalse(metrics.contains(PASSWORD), "a password in /metrics");
                assertFalse(job.err().contains(PASSWORD), "a password in the job's log");
                job.assertStopsCleanly();
            }

            Path wrong = broker.clientConfig("fdi", "not-the-password");
            long start = System.nanoTime();
            Jar.Result refused = Jar.run(Duration.ofMinutes(2), "ingest", "--bootstrap-servers", broker.bootstrapServers(),
                    "--config", wrong.toString(), "--kind", "fx-rates", "--topic", d.topic("fx-rates"), data.rates().toString());
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            System.out.println("SecuredClusterIT: ingest with a wrong password failed after " + seconds + " s");
            assertEquals(1, refused.exit(), refused.err());
            assertTrue(refused.err().contains("the broker refused the credentials"), refused.err());
            assertTrue(refused.err().contains("sasl.jaas.config"), refused.err());
            assertFalse(refused.err().contains("not-the-password"), refused.err());

            Jar.Result jobRefused = Jar.run(Duration.ofMinutes(2), "run", "--bootstrap-servers", broker.bootstrapServers(),
                    "--config", wrong.toString(), "--http-port", String.valueOf(Deployment.freePort()),
                    "--state-dir", "target/it-state/secured-refused-" + UUID.randomUUID());
            assertEquals(1, jobRefused.exit(), jobRefused.err());
            assertTrue(jobRefused.err().contains("the broker refused the credentials"), jobRefused.err());
        }
    }

    /** Connects to the live feed now, and completes with the first event line it receives. */
    private static CompletableFuture<String> firstLiveFeedEvent(int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/stream"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        return CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("event: ")) {
                        return line;
                    }
                }
                return "the feed ended without an event";
            } catch (Exception e) {
                return e.toString();
            }
        });
    }
}
