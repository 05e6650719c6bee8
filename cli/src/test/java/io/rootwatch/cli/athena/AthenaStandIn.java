package io.rootwatch.cli.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rootwatch.testing.HttpForwarding;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP proxy in front of moto_server for the two Athena behaviours moto 5.2.1 lacks: it pages
 * GetQueryResults as Athena does (moto answers every row at once, ignoring MaxResults and
 * NextToken) and, when told to, reports a query as FAILED with a state-change reason and an
 * AthenaError (moto's queries always succeed). Everything else is moto's answer, unchanged.
 */
final class AthenaStandIn implements AutoCloseable {
    private final URI moto;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger resultPages = new AtomicInteger();
    private final AtomicReference<Optional<String>> failure = new AtomicReference<>(Optional.empty());

    AthenaStandIn(URI moto) throws IOException {
        this.moto = moto;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on every query is reported FAILED with this state-change reason. */
    void failQueriesWith(String stateChangeReason) {
        failure.set(Optional.of(stateChangeReason));
    }

    /** GetQueryResults pages served so far. */
    int resultPages() {
        return resultPages.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpResponse<byte[]> response = HttpForwarding.send(client, moto, exchange, body);
            String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
            byte[] answer = response.body();
            if (response.statusCode() == 200 && target.equals("AmazonAthena.GetQueryResults")) {
                answer = page(AthenaRows.MAPPER.readTree(body), (ObjectNode) AthenaRows.MAPPER.readTree(answer));
            } else if (response.statusCode() == 200 && target.equals("AmazonAthena.GetQueryExecution") && failure.get().isPresent()) {
                answer = failed((ObjectNode) AthenaRows.MAPPER.readTree(answer), failure.get().get());
            }
            HttpForwarding.reply(exchange, response, answer);
        }
    }

    /** The slice of moto's whole result that Athena would return for this MaxResults and NextToken. */
    private byte[] page(JsonNode request, ObjectNode whole) {
        resultPages.incrementAndGet();
        int from = request.hasNonNull("NextToken") ? Integer.parseInt(request.get("NextToken").asText()) : 0;
        int size = request.hasNonNull("MaxResults") ? request.get("MaxResults").asInt() : 1000;
        ArrayNode rows = (ArrayNode) whole.path("ResultSet").path("Rows");
        ArrayNode slice = AthenaRows.MAPPER.createArrayNode();
        for (int i = from; i < Math.min(rows.size(), from + size); i++) {
            slice.add(rows.get(i));
        }
        ((ObjectNode) whole.get("ResultSet")).set("Rows", slice);
        if (from + size < rows.size()) {
            whole.put("NextToken", Integer.toString(from + size));
        }
        return whole.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] failed(ObjectNode execution, String reason) {
        ObjectNode status = (ObjectNode) execution.path("QueryExecution").path("Status");
        status.put("State", "FAILED");
        status.put("StateChangeReason", reason);
        status.putObject("AthenaError").put("ErrorCategory", 2).put("ErrorType", 1006).put("Retryable", false)
                .put("ErrorMessage", reason);
        return execution.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
