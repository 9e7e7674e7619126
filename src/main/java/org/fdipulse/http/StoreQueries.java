package org.fdipulse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Reads in the job's state stores, wherever the key lives: in this instance's stores when it holds the key's
 * partition, otherwise by asking the instance that does ({@code application.server}). The reads of one query are
 * grouped by the instance that holds them: this instance's are read here, and each other instance gets one request
 * with all of its reads ({@value #BATCH_PATH}), the requests to different instances side by side. So a query costs at
 * most one round trip per other instance, however many keys it reads.
 *
 * <p>During a rebalance the reads not yet answered are placed again and retried for a short while, then reported
 * unavailable, never answered wrongly: another instance is asked for each key in one partition, so one that no longer
 * holds it says so instead of "not found". Standbys are not asked: they may lag behind the active task, and a figure
 * from one could be out of date.
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
     * {@code scope|}, so that one instance holds them all; the empty prefix, every key of a store that one task holds),
     * answered as a JSON object of key to value in key order.
     */
    record Lookup(QueryableStore store, String key, boolean prefix) {
        Lookup(QueryableStore store, String key) {
            this(store, key, false);
        }
    }

    /** A lookup of a query, where it stands in the query's list, and the partition that holds its key now. */
    private record Placed(int index, Lookup lookup, int partition) {
    }

    static final String INTERNAL_PATH = "/internal/v1/stores/";
    /** POST a JSON array of {@code {store, key, prefix, partition}}; the answer is an array of values (null: none). */
    static final String BATCH_PATH = INTERNAL_PATH + "batch";
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(5);
    private static final Serializer<String> PARTITION_KEYS = new StringSerializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final Optional<String> token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ThreadPoolExecutor calls;
    private final Counter localReads;
    private final Counter remoteReads;
    private final Counter peerReads;
    private final Counter remoteCalls;

    StoreQueries(KafkaStreams streams, HostInfo self, Optional<String> token, int callThreads, MeterRegistry registry) {
        this.streams = streams;
        this.self = self;
        this.token = token;
        AtomicInteger n = new AtomicInteger();
        // When every call thread is busy and the queue is full, the query's own thread makes the call: it slows that
        // query down instead of failing it, and the query pool in front bounds how many wait this way.
        this.calls = new ThreadPoolExecutor(callThreads, callThreads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(callThreads * 16), r -> {
                    Thread t = new Thread(r, "http-lookup-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        String reads = "Store reads (a key, or a prefix scan) made for figure queries: local (this instance's stores, "
                + "for its own queries), remote (asked of another instance), peer (read here for another instance's query)";
        this.localReads = reads(registry, reads, "local");
        this.remoteReads = reads(registry, reads, "remote");
        this.peerReads = reads(registry, reads, "peer");
        this.remoteCalls = Counter.builder("fdi.http.remote.calls")
                .description("Requests this instance sent to another for its figure queries: one per other instance holding"
                        + " any of a query's keys, and again only when a rebalance moved a key during the query")
                .register(registry);
    }

    private static Counter reads(MeterRegistry registry, String description, String where) {
        return Counter.builder("fdi.http.store.reads").description(description).tag("where", where).register(registry);
    }

    Optional<JsonNode> get(QueryableStore store, String key, Deadline deadline) throws UnavailableException {
        return getAll(List.of(new Lookup(store, key)), deadline).get(0);
    }

    /**
     * Every lookup's answer, in order: this instance's read here, each other instance's in one request to it, the
     * requests side by side. Unavailable if one cannot be answered within a few seconds, or by the deadline.
     */
    List<Optional<JsonNode>> getAll(List<Lookup> lookups, Deadline deadline) throws UnavailableException {
        Deadline patience = new Deadline(Math.min(deadline.atNanos(), Deadline.after(PATIENCE).atNanos()));
        List<Optional<JsonNode>> answers = new ArrayList<>(Collections.nCopies(lookups.size(), null));
        String problem = "the job is rebalancing";
        while (true) {
            Map<HostInfo, List<Placed>> byOwner = placeUnanswered(lookups, answers);
            List<Placed> here = byOwner.remove(self);
            Map<HostInfo, Future<List<Optional<JsonNode>>>> pending = new LinkedHashMap<>();
            try {
                // the other instances' requests first, so that they travel while this instance reads its own keys
                byOwner.forEach((host, placed) -> pending.put(host, calls.submit(() -> remote(host, placed, patience))));
                for (Placed p : here == null ? List.<Placed>of() : here) {
                    try {
                        localReads.increment();
                        answers.set(p.index(), read(p.lookup(), p.partition()));
                    } catch (InvalidStateStoreException e) {
                        problem = "this instance no longer holds " + p.lookup().key() + ": " + e.getMessage();
                    }
                }
                for (var call : pending.entrySet()) {
                    try {
                        List<Optional<JsonNode>> found = call.getValue().get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
                        List<Placed> placed = byOwner.get(call.getKey());
                        for (int i = 0; i < placed.size(); i++) {
                            answers.set(placed.get(i).index(), found.get(i));
                        }
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof UnavailableException u) {
                            throw u;
                        }
                        if (!(e.getCause() instanceof IOException)) {
                            throw new IllegalStateException("a store lookup failed", e.getCause());
                        }
                        problem = "the instance " + call.getKey() + " cannot answer: " + e.getCause().getMessage();
                    }
                }
            } catch (TimeoutException e) {
                throw new UnavailableException("the figures were not all found before the request's deadline; try again");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException("the request was abandoned");
            } finally {
                pending.values().forEach(f -> f.cancel(true));
            }
            if (!answers.contains(null)) {
                return answers;
            }
            if (patience.passed()) {
                throw new UnavailableException(problem + "; try again in a few seconds");
            }
            pause();
        }
    }

    /** The lookups not answered yet, by the instance that holds each key now; a key no instance holds now waits. */
    private Map<HostInfo, List<Placed>> placeUnanswered(List<Lookup> lookups, List<Optional<JsonNode>> answers) {
        Map<HostInfo, List<Placed>> byOwner = new LinkedHashMap<>();
        for (int i = 0; i < lookups.size(); i++) {
            if (answers.get(i) != null) {
                continue;
            }
            Lookup lookup = lookups.get(i);
            QueryableStore store = lookup.store();
            KeyQueryMetadata owner = streams.queryMetadataForKey(store.storeName, store.partitionKey(lookup.key()), PARTITION_KEYS);
            if (owner != null && owner != KeyQueryMetadata.NOT_AVAILABLE) {
                byOwner.computeIfAbsent(owner.activeHost(), h -> new ArrayList<>()).add(new Placed(i, lookup, owner.partition()));
            }
        }
        return byOwner;
    }

    /** What this instance holds for a key or under a prefix (in one partition, when given), for another instance. */
    Optional<JsonNode> forPeer(Lookup lookup, Integer partition) {
        peerReads.increment();
        return read(lookup, partition);
    }

    /**
     * Another instance's batch ({@value #BATCH_PATH}): each {@code {store, key, prefix, partition}} read here, the
     * answers in the same order, null for a key not found. Instances always name the partition (without one, every
     * partition this instance holds is read, as the single-key endpoint does). A partition this instance does not
     * hold (now) fails the whole batch with {@link InvalidStateStoreException}, and the caller places its lookups again.
     */
    ArrayNode forPeer(JsonNode batch) {
        if (!batch.isArray()) {
            throw ApiError.badRequest("a batch is a JSON array of {store, key, prefix, partition}");
        }
        ArrayNode answers = JsonViews.MAPPER.createArrayNode();
        for (JsonNode l : batch) {
            if (!l.path("store").isTextual() || !l.path("key").isTextual() || !(l.path("partition").isMissingNode()
                    || l.path("partition").isInt())) {
                throw ApiError.badRequest("a lookup is {store, key, prefix, partition}, store and key strings: " + l);
            }
            QueryableStore store = QueryableStore.named(l.get("store").asText())
                    .orElseThrow(() -> ApiError.notFound("no store " + l.get("store").asText()));
            Integer partition = l.has("partition") ? l.get("partition").asInt() : null;
            answers.add(forPeer(new Lookup(store, l.get("key").asText(), l.path("prefix").asBoolean()), partition).orElse(null));
        }
        return answers;
    }

    private Optional<JsonNode> read(Lookup lookup, Integer partition) {
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
        // keyed by the store's key: some answers need a part that only the key holds (a sector cell's letter)
        ObjectNode found = JsonViews.MAPPER.createObjectNode();
        // an empty prefix is the whole store, which prefixScan cannot bound (it raises the prefix's last byte)
        try (KeyValueIterator<String, Object> entries = lookup.key().isEmpty() ? local.all()
                : local.prefixScan(lookup.key(), PARTITION_KEYS)) {
            entries.forEachRemaining(entry -> found.set(entry.key, store.toJson.apply(entry.value)));
        }
        return Optional.of(found);
    }

    /** One request to {@code host} with every lookup of the query it holds; its answers in the same order. */
    private List<Optional<JsonNode>> remote(HostInfo host, List<Placed> placed, Deadline deadline)
            throws IOException, UnavailableException {
        ArrayNode batch = JsonViews.MAPPER.createArrayNode();
        placed.forEach(p -> batch.addObject().put("store", p.lookup().store().storeName).put("key", p.lookup().key())
                .put("prefix", p.lookup().prefix()).put("partition", p.partition()));
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + BATCH_PATH);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(deadline.remainingAtMost(REMOTE_TIMEOUT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonViews.MAPPER.writeValueAsString(batch)));
        token.ifPresent(t -> request.header(InternalAccess.HEADER, t));
        remoteCalls.increment();
        remoteReads.increment(placed.size());
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " " + response.body());
            }
            JsonNode values = JsonViews.MAPPER.readTree(response.body());
            if (!values.isArray() || values.size() != placed.size()) {
                throw new IOException("answered " + values.size() + " lookups of " + placed.size());
            }
            List<Optional<JsonNode>> found = new ArrayList<>();
            values.forEach(v -> found.add(v.isNull() ? Optional.empty() : Optional.of(v)));
            return found;
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
        calls.shutdownNow();
    }
}
