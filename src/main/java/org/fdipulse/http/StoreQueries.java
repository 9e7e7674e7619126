package org.fdipulse.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.fdipulse.output.JsonViews;

/**
 * Point lookups in the job's state stores, wherever the key lives: in this instance's stores when it holds the key's
 * partition, otherwise by asking the instance that does ({@code application.server}), then its standbys. During a
 * rebalance the lookup is retried for a short while and then reported unavailable, never answered wrongly.
 */
final class StoreQueries {

    /** The lookup cannot be answered now (a rebalance, or the owner is unreachable); say 503 and why. */
    static final class UnavailableException extends Exception {
        UnavailableException(String message) {
            super(message);
        }
    }

    static final String INTERNAL_PATH = "/internal/v1/stores/";
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    StoreQueries(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    Optional<JsonNode> get(QueryableStore store, String key) throws UnavailableException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String lastProblem = "the job is rebalancing";
        while (System.nanoTime() < deadline) {
            KeyQueryMetadata owner = streams.queryMetadataForKey(store.storeName, key, store.partitioner());
            if (owner != null && owner != KeyQueryMetadata.NOT_AVAILABLE) {
                List<HostInfo> hosts = new ArrayList<>();
                hosts.add(owner.activeHost());
                hosts.addAll(owner.standbyHosts());
                for (HostInfo host : hosts) {
                    try {
                        return host.equals(self) ? local(store, key, owner.partition()) : remote(host, store, key);
                    } catch (InvalidStateStoreException | java.io.IOException e) {
                        lastProblem = "the instance " + host + " holding " + key + " cannot answer: " + e.getMessage();
                    }
                }
            }
            pause();
        }
        throw new UnavailableException(lastProblem + "; try again in a few seconds");
    }

    /** What this instance holds for a key, for the internal endpoint other instances call. */
    Optional<JsonNode> local(QueryableStore store, String key, Integer partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, Object>> params =
                StoreQueryParameters.fromNameAndType(store.storeName, QueryableStoreTypes.<String, Object>keyValueStore());
        if (partition != null) {
            params = params.withPartition(partition);
        }
        Object value = streams.store(params).get(key);
        return Optional.ofNullable(value).map(store.toJson);
    }

    private Optional<JsonNode> remote(HostInfo host, QueryableStore store, String key) throws java.io.IOException {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + INTERNAL_PATH + store.storeName + "/"
                + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20"));
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 -> Optional.of(JsonViews.MAPPER.readTree(response.body()));
                case 404 -> Optional.empty();
                default -> throw new java.io.IOException("HTTP " + response.statusCode() + " " + response.body());
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.IOException("interrupted", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
