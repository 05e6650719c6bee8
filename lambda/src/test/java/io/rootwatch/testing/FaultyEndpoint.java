package io.rootwatch.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * An HTTP proxy in front of moto_server that can be switched to fail, the way an AWS service
 * fails: unavailable (503), throttling (DynamoDB's 400 ProvisionedThroughputExceededException), or
 * rate exceeded (the 400 ThrottlingException of EventBridge, SQS and other JSON services). The
 * detector's SDK clients point at it, so a test can take a service down and bring it back; or,
 * with {@link #onlyIn}, one region of it.
 */
public final class FaultyEndpoint implements AutoCloseable {
    public enum Mode { PASS, UNAVAILABLE, THROTTLING, RATE_EXCEEDED }

    private final URI target;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.PASS);
    private final AtomicReference<Predicate<HttpExchange>> affected = new AtomicReference<>(exchange -> true);
    private final AtomicInteger refused = new AtomicInteger();

    public FaultyEndpoint(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void mode(Mode newMode) {
        mode.set(newMode);
    }

    /** From now on the mode applies only to requests signed for {@code region} (their SigV4 scope names it); the others pass. */
    public void onlyIn(String region) {
        affected.set(exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            return authorization != null && authorization.contains("/" + region + "/");
        });
    }

    /**
     * From now on the mode applies only to requests signed for {@code service} (the signing name in
     * their SigV4 scope, e.g. {@code organizations}); the others pass.
     */
    public void onlyFor(String service) {
        affected.set(exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            return authorization != null && authorization.contains("/" + service + "/aws4_request");
        });
    }

    /** Requests refused since the start. */
    public int refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            switch (affected.get().test(exchange) ? mode.get() : Mode.PASS) {
                case UNAVAILABLE -> reply(exchange, 503, "text/plain", "Service Unavailable");
                case THROTTLING -> reply(exchange, 400, "application/x-amz-json-1.0",
                        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                                + "\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}");
                case RATE_EXCEEDED -> reply(exchange, 400, "application/x-amz-json-1.1",
                        "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
                case PASS -> HttpForwarding.forward(client, target, exchange, body);
            }
        }
    }

    private void reply(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        refused.incrementAndGet();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
