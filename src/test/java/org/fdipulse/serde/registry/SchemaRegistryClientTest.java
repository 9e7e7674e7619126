package org.fdipulse.serde.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.fdipulse.avro.FxRate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the schema registry client: which answers are about a record, which only say 'wait'")
class SchemaRegistryClientTest {

    private static final Schema RATE = FxRate.getClassSchema();
    private static final String RATE_BODY = schemaBody(RATE);

    private static String schemaBody(Schema schema) {
        return new ObjectMapper().createObjectNode().put("schema", schema.toString()).toString();
    }

    private static SchemaRegistryClient client(String urls, String... more) {
        Properties props = new Properties();
        props.setProperty(RegistrySettings.URL, urls);
        for (int i = 0; i < more.length; i += 2) {
            props.setProperty(more[i], more[i + 1]);
        }
        return new SchemaRegistryClient(RegistrySettings.from(props).orElseThrow());
    }

    /** A URL where nothing listens: a port taken and given back. */
    private static String deadUrl() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    @DisplayName("a schema is fetched by id once; an id the registry does not hold is UnknownSchemaException naming it")
    void schemaByIdAndUnknownId() throws Exception {
        try (StubRegistry stub = new StubRegistry().answer("GET /schemas/ids/7", 200, RATE_BODY)
                .answer("GET /schemas/ids/8", 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}")) {
            SchemaRegistryClient client = client(stub.url());
            assertEquals(RATE, client.schemaById(7));
            assertEquals(RATE, client.schemaById(7));
            assertEquals(1, stub.count("GET /schemas/ids/7"), "the second read comes from the cache");
            UnknownSchemaException unknown = assertThrows(UnknownSchemaException.class, () -> client.schemaById(8));
            assertTrue(unknown.getMessage().contains("schema id 8"), unknown.getMessage());
        }
    }

    @Test
    @DisplayName("the URLs are tried in order, the next when one gives no answer; none answering is 'unavailable'")
    void failover() throws Exception {
        String dead = deadUrl();
        try (StubRegistry stub = new StubRegistry().answer("GET /schemas/ids/1", 200, RATE_BODY)) {
            assertEquals(RATE, client(dead + "," + stub.url()).schemaById(1));
        }
        RegistryUnavailableException none = assertThrows(RegistryUnavailableException.class,
                () -> client(dead).schemaById(1));
        assertTrue(none.getMessage().contains("no answer from the schema registry"), none.getMessage());
    }

    @Test
    @DisplayName("basic auth goes in the header; a 401 names the settings to check and never the password")
    void credentialsNeverShown() throws Exception {
        try (StubRegistry stub = new StubRegistry().answer("GET /schemas/ids/3", 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}")) {
            SchemaRegistryClient client = client(stub.url(), RegistrySettings.CREDENTIALS_SOURCE, "USER_INFO",
                    RegistrySettings.USER_INFO, "fdi:s3cret-Pa55");
            RegistryUnavailableException refused = assertThrows(RegistryUnavailableException.class, () -> client.schemaById(3));
            assertTrue(refused.getMessage().contains(RegistrySettings.USER_INFO), refused.getMessage());
            assertFalse(refused.getMessage().contains("s3cret"), refused.getMessage());
            assertFalse(client.settings().toString().contains("s3cret"), client.settings().toString());
            assertEquals(List.of("Basic " + Base64.getEncoder().encodeToString("fdi:s3cret-Pa55".getBytes())), stub.authorizations);
        }
    }

    @Test
    @DisplayName("registrations refused for a moment (HTTP 500, or 409 as Apicurio answers concurrent ones) are tried "
            + "again; a 409 that persists is an incompatible schema; ids are cached by subject and schema")
    void registration() throws Exception {
        try (StubRegistry stub = new StubRegistry()
                .answer("POST /subjects/fdi.alerts-value/versions", 500, "{\"error_code\":50001}")
                .answer("POST /subjects/fdi.alerts-value/versions", 409, "{\"error_code\":0}")
                .answer("POST /subjects/fdi.alerts-value/versions", 200, "{\"id\":12}")
                .answer("POST /subjects/fdi.services-share-value/versions", 409, "{\"error_code\":409}")) {
            SchemaRegistryClient client = client(stub.url());
            assertEquals(12, client.register("fdi.alerts-value", RATE));
            assertEquals(12, client.register("fdi.alerts-value", RATE));
            assertEquals(3, stub.count("POST /subjects/fdi.alerts-value/versions"), "two refusals, one success, then the cache");
            IncompatibleSchemaException incompatible = assertThrows(IncompatibleSchemaException.class,
                    () -> client.register("fdi.services-share-value", RATE));
            assertTrue(incompatible.getMessage().contains("fdi.services-share-value"), incompatible.getMessage());
        }
    }

    @Test
    @DisplayName("lookup and compatibility: a subject the registry does not hold finds nothing and is compatible")
    void lookupAndCompatibility() throws Exception {
        try (StubRegistry stub = new StubRegistry()
                .answer("POST /subjects/a-value", 200, "{\"subject\":\"a-value\",\"version\":1,\"id\":4}")
                .answer("POST /compatibility/subjects/a-value/versions/latest", 200, "{\"is_compatible\":false}")) {
            SchemaRegistryClient client = client(stub.url());
            assertEquals(Optional.of(4), client.lookup("a-value", RATE));
            assertEquals(Optional.empty(), client.lookup("b-value", RATE));
            assertFalse(client.isCompatible("a-value", RATE));
            assertTrue(client.isCompatible("b-value", RATE), "a new subject accepts any schema");
        }
    }

    @Test
    @DisplayName("untilAvailable waits out answers that are not answers (HTTP 503), counting each retry and reporting "
            + "the outage while it lasts; an unknown id is not waited for")
    void waitsForTheRegistry() throws Exception {
        try (StubRegistry stub = new StubRegistry()
                .answer("GET /schemas/ids/5", 503, "")
                .answer("GET /schemas/ids/5", 503, "")
                .answer("GET /schemas/ids/5", 200, RATE_BODY)
                .answer("GET /schemas/ids/6", 404, "{\"error_code\":40403}")) {
            SchemaRegistryClient client = client(stub.url());
            AtomicInteger outagesSeen = new AtomicInteger();
            Schema schema = client.untilAvailable(() -> {
                client.outage().ifPresent(reason -> outagesSeen.incrementAndGet());
                return client.schemaById(5);
            });
            assertEquals(RATE, schema);
            assertEquals(2, client.retries());
            assertEquals(2, outagesSeen.get(), "the outage is reported while the calls wait");
            assertEquals(Optional.empty(), client.outage(), "and cleared when the registry answers");
            assertThrows(UnknownSchemaException.class, () -> client.untilAvailable(() -> client.schemaById(6)));
            assertEquals(2, client.retries());
        }
    }

    @Test
    @DisplayName("settings: Confluent's names; a URL with a password in it, or another credentials source, is refused")
    void settings() {
        Properties props = new Properties();
        assertEquals(Optional.empty(), RegistrySettings.from(props));
        props.setProperty(RegistrySettings.URL, "http://a:8081/, https://b:8081");
        props.setProperty(RegistrySettings.AUTO_REGISTER, "false");
        RegistrySettings settings = RegistrySettings.from(props).orElseThrow();
        assertEquals(List.of("http://a:8081", "https://b:8081"), settings.urls().stream().map(Object::toString).toList());
        assertFalse(settings.autoRegister());
        props.setProperty(RegistrySettings.URL, "http://fdi:hunter2@a:8081");
        IllegalArgumentException inUrl = assertThrows(IllegalArgumentException.class, () -> RegistrySettings.from(props));
        assertFalse(inUrl.getMessage().contains("hunter2"), inUrl.getMessage());
        props.setProperty(RegistrySettings.URL, "http://a:8081");
        props.setProperty(RegistrySettings.CREDENTIALS_SOURCE, "SASL_INHERIT");
        assertThrows(IllegalArgumentException.class, () -> RegistrySettings.from(props));
    }
}
