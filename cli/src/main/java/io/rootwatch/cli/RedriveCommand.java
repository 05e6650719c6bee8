package io.rootwatch.cli;

import io.rootwatch.cli.aws.AwsOptions;
import io.rootwatch.cli.aws.DeadLetterRedrive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.PrintWriter;
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
                "Exit status: 0 when every message moved, 1 on an AWS error (what moved stays moved)."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  rootwatch redrive --from https://sqs.us-east-1.amazonaws.com/111122223333/Rootwatch-EventDeadLetterQueue... \\",
                "                    --to   https://sqs.us-east-1.amazonaws.com/111122223333/Rootwatch-EventQueue...",
                "  rootwatch redrive --dry-run --from DLQ_URL --to QUEUE_URL --profile security"})
final class RedriveCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Option(names = "--from", required = true, paramLabel = "DLQ_URL", description = "The dead-letter queue to empty.")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "QUEUE_URL", description = "The event queue the detector reads.")
    private String to;

    @Option(names = "--max", paramLabel = "N", description = "Move at most N messages (default: all).")
    private int max = Integer.MAX_VALUE;

    @Option(names = "--dry-run", description = "Only say how many messages wait in the dead-letter queue.")
    private boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SqsClient sqs = aws.sqs()) {
            DeadLetterRedrive redrive = new DeadLetterRedrive(sqs);
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
        } catch (SdkException e) {
            err.println("rootwatch redrive: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
