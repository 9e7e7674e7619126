package org.fdipulse.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The HTTP API of a running instance of the job, as the tests call it. */
final class JobHttp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private JobHttp() {
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return get("localhost", port, path);
    }

    /** A request to an instance on another address, e.g. in a network namespace of {@link NetworkLab}. */
    static HttpResponse<String> get(String host, int port, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until {@code /health} answers 200; fails if the job dies first or 3 minutes pass. */
    static void awaitHealthy(int port, Jar.Running job) throws Exception {
        awaitHealthy("localhost", port, job);
    }

    static void awaitHealthy(String host, int port, Jar.Running job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && job.isAlive()) {
            try {
                if (get(host, port, "/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the instance is starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the instance on " + host + ":" + port + " never became healthy: " + job.err());
    }
}
