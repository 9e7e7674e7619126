package org.fdipulse.serde.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted HTTP server for the client's own error paths (which answers lead where), in unit tests only: the
 * integration tests run a real registry (Apicurio, {@code it/SchemaRegistryProcess}). Each "METHOD path" answers the
 * queued answers in turn, the last one again once the queue is down to it; anything else is 404.
 */
final class StubRegistry implements AutoCloseable {

    record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> script = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    StubRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
            requests.add(request);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(auth == null ? "" : auth);
            exchange.getRequestBody().readAllBytes();
            Deque<Reply> queue = script.get(request);
            Reply reply = queue == null ? new Reply(404, "{\"error_code\":40401,\"message\":\"not found\"}")
                    : queue.size() > 1 ? queue.poll() : queue.peek();
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    StubRegistry answer(String request, int status, String body) {
        script.computeIfAbsent(request, r -> new ArrayDeque<>()).add(new Reply(status, body));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long count(String request) {
        return requests.stream().filter(request::equals).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
