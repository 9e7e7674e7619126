package org.fdipulse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.fdipulse.broker.EmbeddedBroker;

/**
 * A real Kafka broker (KRaft, one node, a child JVM from the project's jar) whose only client listener is SASL_SSL:
 * SCRAM-SHA-512 over TLS, with a self-signed certificate made by {@code keytool} at test time. The broker's own
 * user ({@code admin}) is written into its storage when it is formatted; the job's users are created through the
 * Admin API, as an operator would.
 */
final class SecuredBroker implements AutoCloseable {

    static final String ADMIN_PASSWORD = "admin-secret-" + UUID.randomUUID();
    private static final String STORE_PASSWORD = "store-" + UUID.randomUUID();

    final Path dir;
    final int port;
    private final Process process;

    private SecuredBroker(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static SecuredBroker start() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "it-secured", UUID.randomUUID().toString())).toAbsolutePath();
        makeCertificates(dir);
        int port = freePort();
        int controllerPort = freePort();
        Path props = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(props)) {
            serverProperties(dir, port, controllerPort).store(out, "secured test broker");
        }
        Jar.Result formatted = java(Duration.ofMinutes(1), "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", props.toString(), "--add-scram", "SCRAM-SHA-512=[name=admin,password=" + ADMIN_PASSWORD + "]");
        assertEquals(0, formatted.exit(), "formatting the secured broker's storage: " + formatted.err() + formatted.out());
        Process process = javaProcess("kafka.Kafka", props.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("broker.log").toFile()).start();
        SecuredBroker broker = new SecuredBroker(dir, port, process);
        broker.awaitReady();
        return broker;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Client settings for a user, as a properties file a command takes with {@code --config}. */
    Path clientConfig(String user, String password) throws IOException {
        Properties p = clientProperties(user, password);
        Path file = dir.resolve("client-" + user + "-" + UUID.randomUUID() + ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, null);
        }
        return file;
    }

    Properties clientProperties(String user, String password) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers());
        p.setProperty("security.protocol", "SASL_SSL");
        p.setProperty("sasl.mechanism", "SCRAM-SHA-512");
        p.setProperty("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        p.setProperty("ssl.truststore.location", dir.resolve("truststore.p12").toString());
        p.setProperty("ssl.truststore.password", STORE_PASSWORD);
        p.setProperty("ssl.truststore.type", "PKCS12");
        return p;
    }

    /** Creates a SCRAM-SHA-512 user through the Admin API, signed in as the broker's admin user. */
    void createUser(String user, String password) throws Exception {
        try (Admin admin = Admin.create(clientProperties("admin", ADMIN_PASSWORD))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        Exception last = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Admin admin = Admin.create(clientProperties("admin", ADMIN_PASSWORD))) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                last = notYet;
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the secured broker did not start: " + last + "\n" + Files.readString(dir.resolve("broker.log")));
    }

    /** The embedded broker's single-node settings, with SASL_SSL (SCRAM-SHA-512 over TLS) as the only client listener. */
    private static Properties serverProperties(Path dir, int port, int controllerPort) {
        Properties p = EmbeddedBroker.serverProperties(port, controllerPort, dir);
        p.put("listeners", "SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "SASL_SSL");
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule "
                + "required username=\"admin\" password=\"" + ADMIN_PASSWORD + "\";");
        p.put("ssl.keystore.location", dir.resolve("broker.p12").toString());
        p.put("ssl.keystore.password", STORE_PASSWORD);
        p.put("ssl.key.password", STORE_PASSWORD);
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.truststore.location", dir.resolve("truststore.p12").toString());
        p.put("ssl.truststore.password", STORE_PASSWORD);
        p.put("ssl.truststore.type", "PKCS12");
        return p;
    }

    /** A key pair for CN=localhost with the names clients use (localhost, 127.0.0.1), and a truststore holding it. */
    private static void makeCertificates(Path dir) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", dir.resolve("broker.p12").toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        run(keytool, "-exportcert", "-alias", "broker", "-rfc", "-keystore", dir.resolve("broker.p12").toString(),
                "-storepass", STORE_PASSWORD, "-file", dir.resolve("broker.crt").toString());
        run(keytool, "-importcert", "-noprompt", "-alias", "broker", "-file", dir.resolve("broker.crt").toString(),
                "-storetype", "PKCS12", "-keystore", dir.resolve("truststore.p12").toString(), "-storepass", STORE_PASSWORD);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }

    private static Jar.Result java(Duration timeout, String mainClass, String... args) throws Exception {
        Path out = Files.createTempFile(Path.of("target"), "secured-", ".out");
        Process p = javaProcess(mainClass, args).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(mainClass + " did not finish within " + timeout);
        }
        return new Jar.Result(p.exitValue(), Files.readString(out), "");
    }

    private static ProcessBuilder javaProcess(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("fdi.pulse.jar", "target/fdi-pulse.jar"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
