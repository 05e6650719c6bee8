package io.rootwatch.cli.aws;

import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;

/** Where and as whom the commands that call AWS do so: the usual AWS CLI options. */
public final class AwsOptions {
    @Option(names = "--region", description = "AWS region (default: AWS_REGION, then the profile's region).")
    private String region;

    @Option(names = "--profile", description = "A profile of ~/.aws/config (default: the default credentials chain).")
    private String profile;

    @Option(names = "--endpoint-url", description = "Another endpoint, such as a local emulator.")
    private URI endpoint;

    private AwsCredentialsProvider credentials() {
        return profile == null ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.builder().profileName(profile).build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder());
    }

    public EventBridgeClient eventBridge() {
        return configure(EventBridgeClient.builder());
    }

    public StsClient sts() {
        return configure(StsClient.builder());
    }

    /** The region the commands act in, as the SDK resolves it for the clients. */
    public Region region() {
        return region != null ? Region.of(region) : DefaultAwsRegionProviderChain.builder().build().getRegion();
    }

    private <C, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C configure(B builder) {
        builder.httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials());
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
