package io.rootwatch.lambda;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The detector's SDK clients: the JDK's URLConnection for HTTP (small, quick to start), and calls
 * bounded in time. The queue, not the SDK, rides out long outages: a call that cannot succeed
 * within a few seconds fails its message, which the queue redelivers later, instead of retrying
 * until the function times out and takes its whole batch down with it.
 */
public final class AwsClients {
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(4);

    private AwsClients() {
    }

    private static ClientOverrideConfiguration bounded() {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(CALL_TIMEOUT)
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy())
                .build();
    }

    public static DynamoDbClient dynamo(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        var builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(region)
                .credentialsProvider(credentials).overrideConfiguration(bounded());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static SnsClient sns(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        var builder = SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(region)
                .credentialsProvider(credentials).overrideConfiguration(bounded());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
