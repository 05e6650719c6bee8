package io.rootwatch.testing;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;

/**
 * What the test proxies in front of moto_server share: passing a request on as it came, and
 * answering with what came back (or with a changed body), hop-by-hop headers left out both ways.
 */
public final class HttpForwarding {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "expect", "upgrade", "keep-alive");

    private HttpForwarding() {
    }

    /** Passes the request on to {@code target} and answers the caller with the target's answer. */
    public static void forward(HttpClient client, URI target, HttpExchange exchange, byte[] body) throws IOException {
        HttpResponse<byte[]> response = send(client, target, exchange, body);
        reply(exchange, response, response.body());
    }

    /** Passes the request on to {@code target}; the caller still has to be answered. */
    public static HttpResponse<byte[]> send(HttpClient client, URI target, HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Answers the caller with the target's status and headers, and this body. */
    public static void reply(HttpExchange exchange, HttpResponse<?> response, byte[] body) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(value -> exchange.getResponseHeaders().add(name, value));
            }
        });
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
