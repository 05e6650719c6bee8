package io.rootwatch.cli;

import io.rootwatch.cli.aws.AwsOptions;
import io.rootwatch.cli.aws.DeadLetterRedrive;
import io.rootwatch.cli.aws.QueueUrls;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "redrive",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Moves dead-lettered root events back to the event queue, once the cause is fixed.",
                "",
                "The stack has two dead-letter queues (stack outputs EventDeadLetterQueueUrl, where the detector's failures"
                        + " go after 300 attempts, and RuleTargetDeadLetterQueueUrl, where EventBridge puts what it could not"
                        + " deliver for 24 hours); both are redriven to EventQueueUrl. The detector records and alerts each"
                        + " event once, so redriving an event already handled changes nothing.",
                "",
                "Each forwarder (every member account and region) has its own rootwatch-forwarder-dead-letters, in its"
                        + " account and region: redrive reads it as that account (--from-role-arn or --from-profile) and sends"
                        + " each event unchanged to EventQueueUrl as the caller (--profile, the central account). Each queue is"
                        + " reached in the region its URL names (--from-region when the URL names none, as an emulator's).",
                "",
                "Exit status: 0 when every message moved, 1 on an AWS error (what moved stays moved), 2 on a usage error."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  rootwatch redrive --from https://sqs.us-east-1.amazonaws.com/111122223333/Rootwatch-EventDeadLetterQueue... \\",
                "                    --to   https://sqs.us-east-1.amazonaws.com/111122223333/Rootwatch-EventQueue...",
                "  rootwatch redrive --dry-run --from DLQ_URL --to QUEUE_URL --profile security",
                "  rootwatch redrive --profile security \\",
                "                    --from https://sqs.eu-west-1.amazonaws.com/222233334444/rootwatch-forwarder-dead-letters \\",
                "                    --from-role-arn arn:aws:iam::222233334444:role/rootwatch-doctor --to QUEUE_URL"})
final class RedriveCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Option(names = "--from", required = true, paramLabel = "DLQ_URL", description = "The dead-letter queue to empty.")
    private String from;

    @Option(names = "--from-region", paramLabel = "REGION",
            description = "The dead-letter queue's region when its URL names none (default: the URL's region, else --region).")
    private String fromRegion;

    @ArgGroup(exclusive = true)
    private DeadLetterCredentials fromCredentials;

    /** Who reads and deletes the dead letters, when not the caller: a forwarder's queue is in its member account. */
    static final class DeadLetterCredentials {
        @Option(names = "--from-role-arn", paramLabel = "ROLE_ARN",
                description = "A role in the dead-letter queue's account that the caller assumes to read and delete the dead letters.")
        private String roleArn;

        @Option(names = "--from-profile", paramLabel = "PROFILE",
                description = "A profile of ~/.aws/config that reads and deletes the dead letters (default: the caller's credentials).")
        private String profile;
    }

    @Option(names = "--to", required = true, paramLabel = "QUEUE_URL",
            description = "The event queue the detector reads; sent to with the caller's credentials (--profile).")
    private String to;

    @Option(names = "--max", paramLabel = "N", description = "Move at most N messages (default: all).")
    private int max = Integer.MAX_VALUE;

    @Option(names = "--dry-run", description = "Only say how many messages wait in the dead-letter queue.")
    private boolean dryRun;

    /** Where the session assumed in the dead-letter queue's account shows in its CloudTrail. */
    private static final String SESSION_NAME = "rootwatch-redrive";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Region> named = QueueUrls.region(from);
        if (fromRegion != null && named.isPresent() && !named.get().id().equals(fromRegion)) {
            throw new ParameterException(spec.commandLine(), "--from-region " + fromRegion + " contradicts the dead-letter queue's URL, which is in "
                    + named.get().id());
        }
        try {
            Region deadLetterRegion = named.orElseGet(() -> fromRegion != null ? Region.of(fromRegion) : aws.region());
            Region eventQueueRegion = QueueUrls.region(to).orElseGet(aws::region);
            try (Reader reader = reader(deadLetterRegion);
                 SqsClient destination = aws.client(SqsClient.builder(), eventQueueRegion, aws.callerCredentials())) {
                DeadLetterRedrive redrive = new DeadLetterRedrive(reader.sqs(), destination);
                if (dryRun) {
                    out.println(redrive.waiting(from) + " messages wait in " + from);
                    out.flush();
                    return 0;
                }
                int moved = redrive.move(from, to, max, count -> {
                    err.println("moved " + count + "...");
                    err.flush();
                });
                out.println("moved " + moved + " messages from " + from + " to " + to);
                out.flush();
                return 0;
            }
        } catch (SdkException e) {
            err.println("rootwatch redrive: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** The dead-letter queue's client, with the STS client that keeps its assumed role's credentials fresh, if any. */
    private record Reader(SqsClient sqs, Optional<StsClient> sts, Optional<StsAssumeRoleCredentialsProvider> role) implements AutoCloseable {
        @Override
        public void close() {
            sqs.close();
            role.ifPresent(StsAssumeRoleCredentialsProvider::close);
            sts.ifPresent(StsClient::close);
        }
    }

    private Reader reader(Region region) {
        if (fromCredentials != null && fromCredentials.roleArn != null) {
            StsClient sts = aws.client(StsClient.builder(), region, aws.callerCredentials());
            StsAssumeRoleCredentialsProvider role = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                    .refreshRequest(b -> b.roleArn(fromCredentials.roleArn).roleSessionName(SESSION_NAME)).build();
            return new Reader(aws.client(SqsClient.builder(), region, role), Optional.of(sts), Optional.of(role));
        }
        AwsCredentialsProvider credentials = fromCredentials != null && fromCredentials.profile != null
                ? ProfileCredentialsProvider.builder().profileName(fromCredentials.profile).build()
                : aws.callerCredentials();
        return new Reader(aws.client(SqsClient.builder(), region, credentials), Optional.empty(), Optional.empty());
    }
}
