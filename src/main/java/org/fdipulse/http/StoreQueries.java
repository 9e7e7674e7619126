package org.fdipulse.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.fdipulse.output.JsonViews;

/**
 * Point lookups in the job's state stores, wherever the key lives: in this instance's stores when it holds the key's
 * partition, otherwise by asking the instance that does ({@code application.server}). During a rebalance the lookup
 * is retried for a short while and then reported unavailable, never answered wrongly: another instance is asked for
 * the key in one partition, so one that no longer holds it says so instead of "not found". Standbys are not asked:
 * they may lag behind the active task, and a figure from one could be out of date.
 * The lookups of one request run side by side on a bounded pool, since each may be a call to another instance.
 */
final class StoreQueries implements AutoCloseable {

    /** The lookup cannot be answered now (a rebalance, or the owner is unreachable); say 503 and why. */
    static final class UnavailableException extends Exception {
        UnavailableException(String message) {
            super(message);
        }
    }

    /**
     * One key of one store, or with {@code prefix}, every key that starts with it (a prefix that begins
     * {@code scope|}, so that one instance holds them all), answered as a JSON array in key order.
     */
    record Lookup(QueryableStore store, String key, boolean prefix) {
        Lookup(QueryableStore store, String key) {
            this(store, key, false);
        }
    }

    static final String INTERNAL_PATH = "/internal/v1/stores/";
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(5);
    private static final Serializer<String> PARTITION_KEYS = new StringSerializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final Optional<String> token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ThreadPoolExecutor lookups;

    StoreQueries(KafkaStreams streams, HostInfo self, Optional<String> token, int lookupThreads) {
        this.streams = streams;
        this.self = self;
        this.token = token;
        AtomicInteger n = new AtomicInteger();
        // When every lookup thread is busy and the queue is full, the query's own thread does the lookup: it slows
        // that query down instead of failing it, and the query pool in front bounds how many wait this way.
        this.lookups = new ThreadPoolExecutor(lookupThreads, lookupThreads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(lookupThreads * 16), r -> {
                    Thread t = new Thread(r, "http-lookup-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Every lookup, in order, side by side; unavailable if any one is, or if the deadline passes first. */
    List<Optional<JsonNode>> getAll(List<Lookup> keys, Deadline deadline) throws UnavailableException {
        List<Future<Optional<JsonNode>>> pending = new ArrayList<>();
        try {
            for (Lookup l : keys) {
                pending.add(lookups.submit(() -> get(l, deadline)));
            }
            List<Optional<JsonNode>> values = new ArrayList<>();
            for (Future<Optional<JsonNode>> f : pending) {
                values.add(f.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS));
            }
            return values;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnavailableException u) {
                throw u;
            }
            throw new IllegalStateException("a store lookup failed", e.getCause());
        } catch (TimeoutException e) {
            throw new UnavailableException("the figures were not all found before the request's deadline; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("the request was abandoned");
        } finally {
            pending.forEach(f -> f.cancel(true));
        }
    }

    Optional<JsonNode> get(QueryableStore store, String key, Deadline deadline) throws UnavailableException {
        return get(new Lookup(store, key), deadline);
    }

    private Optional<JsonNode> get(Lookup lookup, Deadline deadline) throws UnavailableException {
        QueryableStore store = lookup.store();
        String key = lookup.key();
        Deadline patience = new Deadline(Math.min(deadline.atNanos(), Deadline.after(PATIENCE).atNanos()));
        String lastProblem = "the job is rebalancing";
        while (!patience.passed()) {
            KeyQueryMetadata owner = streams.queryMetadataForKey(store.storeName, store.partitionKey(key), PARTITION_KEYS);
            if (owner != null && owner != KeyQueryMetadata.NOT_AVAILABLE) {
                HostInfo host = owner.activeHost();
                try {
                    return host.equals(self) ? local(lookup, owner.partition())
                            : remote(host, lookup, owner.partition(), patience);
                } catch (InvalidStateStoreException | IOException e) {
                    lastProblem = "the instance " + host + " holding " + key + " cannot answer: " + e.getMessage();
                }
            }
            pause();
        }
        throw new UnavailableException(lastProblem + "; try again in a few seconds");
    }

    /**
     * What this instance holds for a key, or under a prefix (in one partition, when given), for the endpoint other
     * instances call.
     */
    Optional<JsonNode> local(Lookup lookup, Integer partition) {
        QueryableStore store = lookup.store();
        StoreQueryParameters<ReadOnlyKeyValueStore<String, Object>> params =
                StoreQueryParameters.fromNameAndType(store.storeName, QueryableStoreTypes.<String, Object>keyValueStore());
        if (partition != null) {
            params = params.withPartition(partition);
        }
        ReadOnlyKeyValueStore<String, Object> local = streams.store(params);
        if (!lookup.prefix()) {
            return Optional.ofNullable(local.get(lookup.key())).map(store.toJson);
        }
        ArrayNode found = JsonViews.MAPPER.createArrayNode();
        try (KeyValueIterator<String, Object> entries = local.prefixScan(lookup.key(), new StringSerializer())) {
            entries.forEachRemaining(entry -> found.add(store.toJson.apply(entry.value)));
        }
        return Optional.of(found);
    }

    private Optional<JsonNode> remote(HostInfo host, Lookup lookup, int partition, Deadline deadline)
            throws IOException, UnavailableException {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + INTERNAL_PATH + lookup.store().storeName + "/"
                + URLEncoder.encode(lookup.key(), StandardCharsets.UTF_8).replace("+", "%20") + "?partition=" + partition
                + (lookup.prefix() ? "&prefix=true" : ""));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(deadline.remainingAtMost(REMOTE_TIMEOUT));
        token.ifPresent(t -> request.header(InternalAccess.HEADER, t));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 -> Optional.of(JsonViews.MAPPER.readTree(response.body()));
                case 404 -> Optional.empty();
                default -> throw new IOException("HTTP " + response.statusCode() + " " + response.body());
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("the request was abandoned");
        }
    }

    private static void pause() throws UnavailableException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("the request was abandoned");
        }
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
