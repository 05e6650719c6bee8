package io.rootwatch.cli;

import io.rootwatch.cli.aws.AwsOptions;
import io.rootwatch.lambda.EventProcessor;
import io.rootwatch.lambda.TestAlertEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "test-alert",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Puts a synthetic, clearly marked root event on the central bus, so a new subscriber sees the whole"
                + " path work: rule, queue, detector, audit table, alert.",
                "",
                "The alert arrives as a planned (expected) root API call named RootwatchTestAlert, with the reason"
                        + " 'rootwatch test-alert: a synthetic root event sent to check the alert path; no action needed'."
                        + " It is recorded in the audit table like any event.",
                "",
                "Exit status: 0 when EventBridge accepted the event, 1 otherwise."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  rootwatch test-alert --profile security --region us-east-1",
                "  rootwatch test-alert --bus arn:aws:events:us-east-1:111122223333:event-bus/rootwatch-root-activity"})
final class TestAlertCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Option(names = "--bus", paramLabel = "NAME_OR_ARN", description = "The central root-activity bus (default: ${DEFAULT-VALUE}).")
    private String bus = "rootwatch-root-activity";

    @Option(names = "--account", paramLabel = "ID", description = "The account the event claims (default: the caller's, from STS).")
    private String account;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (EventBridgeClient events = aws.eventBridge()) {
            String accountId = account != null ? account : callerAccount();
            String region = aws.region().id();
            String eventId = UUID.randomUUID().toString();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String sender = "rootwatch-cli/" + getClass().getPackage().getImplementationVersion() + " test-alert";
            String detail = TestAlertEvent.detail(accountId, region, eventId, now, sender).toString();
            PutEventsResponse response = events.putEvents(b -> b.entries(e -> e.eventBusName(bus)
                    .source(EventProcessor.TEST_ALERT_SOURCE).detailType(TestAlertEvent.DETAIL_TYPE).detail(detail)));
            PutEventsResultEntry entry = response.entries().getFirst();
            if (response.failedEntryCount() > 0 || entry.errorCode() != null) {
                err.println("rootwatch test-alert: EventBridge refused the event: " + entry.errorCode() + " " + entry.errorMessage());
                err.flush();
                return 1;
            }
            out.println("sent test event " + eventId + " (EventBridge id " + entry.eventId() + ") to " + bus + " in " + region);
            out.println("expect within a minute an alert: Root API call rootwatch:" + TestAlertEvent.EVENT_NAME
                    + " (planned) for account " + accountId);
            out.flush();
            return 0;
        } catch (SdkException e) {
            err.println("rootwatch test-alert: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private String callerAccount() {
        try (StsClient sts = aws.sts()) {
            return sts.getCallerIdentity().account();
        }
    }
}
