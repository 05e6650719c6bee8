package io.rootwatch.cli.aws;

import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

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
        var builder = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials());
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
