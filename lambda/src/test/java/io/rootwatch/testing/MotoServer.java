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
import java.net.URI;
import java.util.Optional;

/**
 * A real moto_server on 127.0.0.1 and a free port, started before a test class and stopped after
 * it: {@code @RegisterExtension static final MotoServer MOTO = new MotoServer();}.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback {
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private MotoProcess moto;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        moto = MotoProcess.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    public URI endpoint() {
        return moto.endpoint();
    }

    /** Forgets every resource: each test starts from an empty account. */
    public void reset() throws IOException {
        moto.reset();
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
}
