package io.rootwatch.accounts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rootwatch.testing.HttpForwarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP server in front of moto_server that records every request it receives, exactly as it
 * came over the wire, and forwards it; or, when told to, answers as AWS Organizations answers
 * errors instead of forwarding. Tests count calls with it and check what was sent.
 */
final class OrganizationsProxy implements AutoCloseable {
    /** A request as received: header names in lower case. */
    record Seen(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        String operation() {
            String target = header("x-amz-target");
            return target == null ? null : target.substring(target.indexOf('.') + 1);
        }
    }

    /** A fixed answer in place of moto's. */
    private record Canned(int status, String errorTypeHeader, String body) {
    }

    private final URI target;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicReference<Canned> canned = new AtomicReference<>();
    private volatile Duration delay = Duration.ZERO;

    OrganizationsProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request received so far, in order. */
    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** How many requests for the operation (e.g. DescribeAccount) were received. */
    long calls(String operation) {
        return seen.stream().filter(s -> operation.equals(s.operation())).count();
    }

    /** Forward to moto from now on, each request held for this long first. */
    void delay(Duration delay) {
        this.delay = delay;
    }

    /** Answer every request with this instead of forwarding it. */
    void answer(int status, String errorTypeHeader, String body) {
        canned.set(new Canned(status, errorTypeHeader, body));
    }

    /** Forward to moto again. */
    void forward() {
        canned.set(null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), Map.copyOf(headers), body));
            if (!delay.isZero()) {
                Thread.sleep(delay);
            }
            Canned answer = canned.get();
            if (answer != null) {
                reply(exchange, answer);
            } else {
                HttpForwarding.forward(client, target, exchange, body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, Canned answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", OrganizationsJsonClient.CONTENT_TYPE);
        if (answer.errorTypeHeader() != null) {
            exchange.getResponseHeaders().set("X-Amzn-ErrorType", answer.errorTypeHeader());
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        client.close();
    }
}
