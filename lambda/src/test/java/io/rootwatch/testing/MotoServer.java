package io.rootwatch.testing;

import io.rootwatch.lambda.AwsClients;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A real moto_server on 127.0.0.1 and a free port, started before a test class and stopped after
 * it: {@code @RegisterExtension static final MotoServer MOTO = new MotoServer();}.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback {
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private Process process;
    private int port;
    private Path log;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        port = freePort();
        log = Files.createTempFile("moto-server-", ".log");
        try {
            process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("moto_server is not on PATH: install it with pip install \"moto[server]\"", e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!answers()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("moto_server did not start on port " + port + ": " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Forgets every resource: each test starts from an empty account. */
    public void reset() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) endpoint().resolve("/moto-api/reset").toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.getResponseCode();
        connection.disconnect();
    }

    public DynamoDbClient dynamo() {
        return dynamo(endpoint());
    }

    /** A client configured as the detector's, on this endpoint. */
    public static DynamoDbClient dynamo(URI endpoint) {
        return AwsClients.dynamo(Region.US_EAST_1, CREDENTIALS, Optional.of(endpoint));
    }

    public SnsClient sns() {
        return sns(endpoint());
    }

    /** A client configured as the detector's, on this endpoint. */
    public static SnsClient sns(URI endpoint) {
        return AwsClients.sns(Region.US_EAST_1, CREDENTIALS, Optional.of(endpoint));
    }

    public EventBridgeClient eventBridge() {
        return EventBridgeClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public SqsClient sqs() {
        return SqsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint().resolve("/moto-api/").toURL().openConnection();
            connection.setConnectTimeout(200);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
