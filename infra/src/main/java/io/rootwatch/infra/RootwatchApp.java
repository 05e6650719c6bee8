package io.rootwatch.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

import java.nio.file.Path;

/**
 * The CDK app: {@code cdk synth} / {@code cdk deploy} run it through Maven (see cdk.json). The
 * detector function's jar must be built first; the app says so when it is missing.
 */
public final class RootwatchApp {
    private RootwatchApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app, DetectorJar.locate());
        app.synth();
    }

    /** Adds rootwatch's stacks to an app, checked by cdk-nag's AWS Solutions rules. */
    public static DetectorStack build(App app, Path detectorJar) {
        RootwatchSettings settings = RootwatchSettings.from(app.getNode());
        DetectorStack stack = new DetectorStack(app, "Rootwatch", StackProps.builder()
                .description("rootwatch: detects AWS root-user activity across the organization, records it and alerts")
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(settings.homeRegion())
                        .build())
                .build(), settings, detectorJar);
        Aspects.of(app).add(new AwsSolutionsChecks());
        return stack;
    }
}
