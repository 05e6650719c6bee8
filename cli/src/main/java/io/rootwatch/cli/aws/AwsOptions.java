package io.rootwatch.cli.aws;

import io.rootwatch.accounts.OrganizationsEndpoint;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.util.Optional;

/** Where and as whom the commands that call AWS do so: the usual AWS CLI options. */
public final class AwsOptions {
    @Option(names = "--region", description = "AWS region (default: AWS_REGION, then the profile's region).")
    private String region;

    @Option(names = "--profile", description = "A profile of ~/.aws/config (default: the default credentials chain).")
    private String profile;

    @Option(names = "--endpoint-url", description = "Another endpoint, such as a local emulator.")
    private URI endpoint;

    /**
     * The same options given another way, for a command whose own {@code --region} means something
     * else ({@code scan}: the trail regions to read).
     */
    public static AwsOptions of(Optional<String> region, Optional<String> profile, Optional<URI> endpoint) {
        AwsOptions options = new AwsOptions();
        options.region = region.orElse(null);
        options.profile = profile.orElse(null);
        options.endpoint = endpoint.orElse(null);
        return options;
    }

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

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder());
    }

    /** Path-style addressing when an endpoint is given: emulators serve buckets under their path. */
    public S3Client s3() {
        return configure(S3Client.builder().forcePathStyle(endpoint != null));
    }

    public AthenaClient athena() {
        return configure(AthenaClient.builder());
    }

    public CloudTrailClient cloudTrail() {
        return configure(CloudTrailClient.builder());
    }

    public CloudFormationClient cloudFormation() {
        return configure(CloudFormationClient.builder());
    }

    public SnsClient sns() {
        return configure(SnsClient.builder());
    }

    /** The region the commands act in, as the SDK resolves it for the clients. */
    public Region region() {
        return region != null ? Region.of(region) : DefaultAwsRegionProviderChain.builder().build().getRegion();
    }

    /** These options as written on a command line, acting in {@code in}: for a command that prints what to run next. */
    public String asArguments(Region in) {
        return "--region " + in.id() + (profile == null ? "" : " --profile " + profile) + (endpoint == null ? "" : " --endpoint-url " + endpoint);
    }

    /**
     * Where to call AWS Organizations, a global service (the SDK's organizations module is not
     * available at the SDK version the project pins): the endpoint of the partition of {@code in},
     * or {@code --endpoint-url}.
     */
    public OrganizationsEndpoint organizations(Region in) {
        OrganizationsEndpoint partition = OrganizationsEndpoint.forRegion(in.id());
        return endpoint == null ? partition : partition.at(endpoint);
    }

    /** The caller's credentials, as the options select them: what a command assumes other roles with. */
    public AwsCredentialsProvider callerCredentials() {
        return credentials();
    }

    /**
     * A client on this endpoint in another region, as another principal: for commands that visit
     * several regions or, through an assumed role, several accounts.
     */
    public <C, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C client(B builder, Region in,
                                                                                       AwsCredentialsProvider as) {
        builder.httpClient(UrlConnectionHttpClient.create()).credentialsProvider(as).region(in);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
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
