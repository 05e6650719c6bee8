package io.rootwatch.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

import java.nio.file.Path;
import java.util.Optional;

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
        Optional<Forwarding> forwarding = Forwarding.from(app.getNode(), settings);
        DetectorStack stack = new DetectorStack(app, "Rootwatch", StackProps.builder()
                .description("rootwatch: detects AWS root-user activity across the organization, records it and alerts")
                .env(Environment.builder()
                        .account(forwarding.map(Forwarding::centralAccount).orElse(System.getenv("CDK_DEFAULT_ACCOUNT")))
                        .region(settings.homeRegion())
                        .build())
                .build(), settings, detectorJar);
        forwarding.ifPresent(f -> addForwarders(app, f));
        Aspects.of(app).add(new AwsSolutionsChecks());
        return stack;
    }

    /**
     * The forwarders. In organization mode: the StackSet (member accounts, every region) and the
     * management account's stacks (every region: StackSets never target it). In single-account
     * mode: each listed account's stacks, every region, deployed with that account's credentials.
     * In both modes: the central account's regions other than the home region, whose default bus
     * the central stack's own rule already watches (a forwarder there would deliver every event twice).
     */
    private static void addForwarders(App app, Forwarding forwarding) {
        if (forwarding.mode() == Forwarding.Mode.ORGANIZATION) {
            String management = forwarding.managementAccount().orElseThrow();
            new ForwarderStackSetStack(app, "RootwatchForwarderStackSet", StackProps.builder()
                    .description("rootwatch: the StackSet that forwards root activity from every member account and region")
                    .env(Environment.builder()
                            .account(forwarding.callAs().equals("SELF") ? management : System.getenv("CDK_DEFAULT_ACCOUNT"))
                            .region(forwarding.homeRegion())
                            .build())
                    .build(), forwarding);
            if (!management.equals(forwarding.centralAccount())) {
                for (String region : forwarding.regions()) {
                    forwarder(app, "RootwatchForwarder-Management-" + region, management, region, forwarding);
                }
            }
        }
        for (String account : forwarding.listedAccounts()) {
            for (String region : forwarding.regions()) {
                forwarder(app, "RootwatchForwarder-" + account + "-" + region, account, region, forwarding);
            }
        }
        for (String region : forwarding.regions()) {
            if (!region.equals(forwarding.homeRegion())) {
                forwarder(app, "RootwatchForwarder-Central-" + region, forwarding.centralAccount(), region, forwarding);
            }
        }
    }

    private static void forwarder(App app, String id, String account, String region, Forwarding forwarding) {
        new ForwarderStack(app, id, StackProps.builder()
                .env(Environment.builder().account(account).region(region).build())
                .build(), forwarding.centralBusArn(), forwarding.deadLetterAlarms());
    }
}
