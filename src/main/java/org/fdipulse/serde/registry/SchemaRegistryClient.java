package org.fdipulse.serde.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the schema registry's REST API as Confluent defined it (and Apicurio's {@code ccompat}, Karapace and
 * Redpanda serve it), on {@code java.net.http}: Confluent's own client is not on Maven Central, and the job needs
 * four calls of it (docs/decisions.md, "A registry client of our own"). Schemas by id and ids by subject and schema
 * are cached for the life of the process: a registry never changes what an id means.
 *
 * <p>Schemas are sent as {@code Schema.toString()} gives them, so one schema is always one text and one id. Not with
 * {@code ?normalize=true}: Apicurio 2.4's normalization sorts a record's fields by name, and the id it returns then
 * names a schema whose binary layout is not the writer's.
 *
 * <p>What counts as an answer: any HTTP response. The URLs of {@code schema.registry.url} are tried in order, the
 * next when one gives none (no connection, a timeout). Only "no such schema" for an id (404) says something about a
 * record; every other failure is {@link RegistryUnavailableException}, which {@link #untilAvailable} waits out.
 * The password of {@code basic.auth.user.info} goes into an Authorization header and nowhere else.
 */
public final class SchemaRegistryClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FIRST_WAIT = Duration.ofMillis(100);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);
    /** Registrations refused for a moment (Apicurio answers 409 or 500 to concurrent ones): tried this many times. */
    private static final int REGISTER_ATTEMPTS = 5;

    private final RegistrySettings settings;
    private final HttpClient http;
    private final Optional<String> authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicReference<String> outage = new AtomicReference<>();
    private volatile boolean closed;

    public SchemaRegistryClient(RegistrySettings settings) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
        settings.truststore().ifPresent(path -> builder.sslContext(sslContext(settings)));
        this.http = builder.build();
        this.authorization = settings.userInfo().map(userInfo -> "Basic "
                + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    public RegistrySettings settings() {
        return settings;
    }

    /** The writer schema a record's id names. */
    public Schema schemaById(int id) {
        Schema known = schemasById.get(id);
        if (known != null) {
            return known;
        }
        Answer answer = send("GET", "/schemas/ids/" + id, null);
        if (answer.status() == 404) {
            throw new UnknownSchemaException("schema id " + id + " is not known to the schema registry at " + answer.url());
        }
        answer.requireSuccess("the schema of id " + id);
        Schema schema = parse(answer.body().path("schema").asText(), "schema id " + id + " from " + answer.url());
        schemasById.put(id, schema);
        return schema;
    }

    /** Registers {@code schema} under {@code subject} (or finds it registered): its id. */
    public int register(String subject, Schema schema) {
        String cacheKey = subject + "\u0000" + schema;
        Integer known = idsBySubjectAndSchema.get(cacheKey);
        if (known != null) {
            return known;
        }
        Duration wait = FIRST_WAIT;
        for (int attempt = 1; ; attempt++) {
            Answer answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
            // 409 is Confluent's "incompatible"; Apicurio also answers it (or 500) to registrations that meet at the
            // same moment, so both are tried again before a 409 is taken to mean what it says
            boolean conflict = answer.status() == 409;
            if ((conflict || answer.status() >= 500) && attempt < REGISTER_ATTEMPTS) {
                sleep(wait);
                wait = longer(wait);
                continue;
            }
            if (conflict) {
                throw new IncompatibleSchemaException("the schema registry at " + answer.url() + " refuses the schema of "
                        + schema.getFullName() + " under subject " + subject + " (HTTP 409, " + REGISTER_ATTEMPTS
                        + " times): incompatible with the versions the subject holds");
            }
            answer.requireSuccess("registering " + schema.getFullName() + " under subject " + subject);
            int id = answer.body().path("id").asInt();
            idsBySubjectAndSchema.put(cacheKey, id);
            schemasById.putIfAbsent(id, schema);
            return id;
        }
    }

    /** The id of {@code schema} under {@code subject}, if the registry holds it there. */
    public Optional<Integer> lookup(String subject, Schema schema) {
        String cacheKey = subject + "\u0000" + schema;
        Integer known = idsBySubjectAndSchema.get(cacheKey);
        if (known != null) {
            return Optional.of(known);
        }
        Answer answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        if (answer.status() == 404) {
            return Optional.empty();
        }
        answer.requireSuccess("looking up " + schema.getFullName() + " under subject " + subject);
        int id = answer.body().path("id").asInt();
        idsBySubjectAndSchema.put(cacheKey, id);
        schemasById.putIfAbsent(id, schema);
        return Optional.of(id);
    }

    /** Whether the registry finds {@code schema} compatible with the subject's latest version; a new subject is. */
    public boolean isCompatible(String subject, Schema schema) {
        Answer answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
        if (answer.status() == 404) {
            return true;
        }
        answer.requireSuccess("the compatibility check of subject " + subject);
        return answer.body().path("is_compatible").asBoolean(false);
    }

    /**
     * Runs {@code call} until the registry answers it: while it does not, waits (100 ms, doubling to 5 s), counts a
     * retry and keeps the reason for {@code /health/ready}. Any other exception, an {@link UnknownSchemaException}
     * included, is the call's own and passes through. Gives up only when the client is closed (the job stops).
     */
    public <T> T untilAvailable(Supplier<T> call) {
        Duration wait = FIRST_WAIT;
        long since = 0;
        long lastLog = 0;
        while (true) {
            try {
                T result = call.get();
                if (since != 0) {
                    outage.set(null);
                    LOG.info("The schema registry answers again after {} s without an answer; reading and writing resume",
                            (System.nanoTime() - since) / 1_000_000_000L);
                }
                return result;
            } catch (RegistryUnavailableException e) {
                if (closed) {
                    throw e;
                }
                long now = System.nanoTime();
                if (since == 0) {
                    since = now;
                }
                outage.set(e.getMessage());
                retries.incrementAndGet();
                if (lastLog == 0 || now - lastLog > 30_000_000_000L) {
                    lastLog = now;
                    LOG.warn("{}; nothing is dead-lettered for it: the job waits and tries again (retries so far: {})",
                            e.getMessage(), retries.get());
                }
                sleep(wait);
                wait = longer(wait);
            }
        }
    }

    /** Calls that found the registry without an answer and were tried again, since the process started. */
    public long retries() {
        return retries.get();
    }

    /** Why the registry cannot be used now, while a call waits for it. */
    public Optional<String> outage() {
        return Optional.ofNullable(outage.get());
    }

    @Override
    public void close() {
        closed = true;
    }

    private Answer send(String method, String path, String body) {
        IOException lastFailure = null;
        URI lastUrl = null;
        for (URI base : settings.urls()) {
            URI url = URI.create(base + path);
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                    .header("Accept", CONTENT_TYPE + ", application/json");
            authorization.ifPresent(value -> request.header("Authorization", value));
            if (body == null) {
                request.GET();
            } else {
                request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Answer(base, response.statusCode(), response.body());
            } catch (IOException e) {
                lastFailure = e;
                lastUrl = base;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted while calling the schema registry at " + base);
            }
        }
        throw new RegistryUnavailableException("no answer from the schema registry (" + RegistrySettings.URL + "="
                + settings.urls() + "; last tried " + lastUrl + ": " + describe(lastFailure) + ")", lastFailure);
    }

    private static String describe(IOException e) {
        return e == null ? "no URL" : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    /** One HTTP answer of the registry, its body read as JSON when it is JSON. */
    private record Answer(URI url, int status, String text) {

        JsonNode body() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new RegistryUnavailableException("the schema registry at " + url + " answered HTTP " + status
                        + " with a body that is not JSON: is " + RegistrySettings.URL + " the registry's API?");
            }
        }

        void requireSuccess(String what) {
            if (status >= 200 && status < 300) {
                return;
            }
            if (status == 401 || status == 403) {
                throw new RegistryUnavailableException("the schema registry at " + url + " refused " + what + " (HTTP " + status
                        + "): check " + RegistrySettings.CREDENTIALS_SOURCE + " and " + RegistrySettings.USER_INFO);
            }
            throw new RegistryUnavailableException("the schema registry at " + url + " answered HTTP " + status + " to "
                    + what + (text == null || text.isBlank() ? "" : ": " + abbreviate(text)));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw new RegistryUnavailableException("the schema registry's " + what + " is not an Avro schema: " + e.getMessage());
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Duration longer(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : doubled;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while waiting for the schema registry");
        }
    }

    private static SSLContext sslContext(RegistrySettings settings) {
        try (InputStream in = Files.newInputStream(settings.truststore().orElseThrow())) {
            KeyStore store = KeyStore.getInstance(settings.truststoreType());
            store.load(in, settings.truststorePassword().map(String::toCharArray).orElse(null));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read " + RegistrySettings.TRUSTSTORE_LOCATION + " "
                    + settings.truststore().orElseThrow() + " (" + e.getClass().getSimpleName() + "); check the file, "
                    + RegistrySettings.TRUSTSTORE_TYPE + " and " + RegistrySettings.TRUSTSTORE_PASSWORD);
        }
    }
}
