package io.rootwatch.cli;

import io.rootwatch.audit.BreakGlassWindows;
import io.rootwatch.audit.BreakGlassWindows.CancelResult;
import io.rootwatch.audit.RecordedWindow;
import io.rootwatch.cli.aws.AuditTableOptions;
import io.rootwatch.cli.aws.AwsOptions;
import io.rootwatch.cli.aws.RetentionOption;
import io.rootwatch.cli.expect.WindowReport;
import io.rootwatch.cli.expect.WindowRequest;
import io.rootwatch.cli.output.DisplayText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "expect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Records a break-glass window: planned root use in one account, who planned it, why, and until when."
                + " Root events of that account inside the window are still recorded and alerted, marked planned"
                + " (expected=true) with the reason; nothing is suppressed.",
                "",
                "The detector rereads the windows of an account at most every 30 seconds: a new window, or a cancellation,"
                        + " takes effect within 30 seconds. Open the window before the work starts.",
                "",
                "Open:   rootwatch expect --account ID --for LENGTH --reason TEXT [--from TIME]",
                "List:   rootwatch expect --list [--all] [--account ID] [--json]",
                "Cancel: rootwatch expect --cancel WINDOW_ID [--account ID]",
                "",
                "Windows are evidence: a cancelled window is ended, not deleted (its cancelledAt and cancelledBy are"
                        + " recorded), and every window is kept for the table's retention period.",
                "",
                "Exit status: 0 on success; 1 on an AWS error, or when the window to cancel is unknown or already over;"
                        + " 2 for a usage error (a length over 24h without --allow-long, a blank reason...)."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  rootwatch expect --account 111122223333 --for 2h --reason \"root MFA, CHG-1234\"",
                "  rootwatch expect --account 111122223333 --from 2026-12-01T09:00:00Z \\",
                "                   --for 90m --reason \"close the account, CHG-1301\"",
                "  rootwatch expect --list",
                "  rootwatch expect --list --all --account 111122223333 --json",
                "  rootwatch expect --cancel bgw-7q4mzk2x9a"})
final class ExpectCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Mixin
    private AuditTableOptions auditTable;

    @Option(names = "--account", paramLabel = "ID", description = "The account of the planned root use (to list or cancel: narrows to it).")
    private String account;

    @Option(names = "--for", paramLabel = "LENGTH", description = "How long the window lasts: 90m, 2h, 1d (at most 24h without --allow-long, 30d with it).")
    private String length;

    @Option(names = "--from", paramLabel = "TIME", description = "When the window starts, ISO-8601 with a zone, e.g. 2026-12-01T09:00:00Z (default: now; at most 30 days ahead).")
    private String from;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why root is needed: one line, at most 500 characters; shown in every alert of the window.")
    private String reason;

    @Option(names = "--allow-long", description = "Allow a window longer than 24 hours (up to 30 days).")
    private boolean allowLong;

    @Option(names = "--list", description = "List the windows open now or to come.")
    private boolean list;

    @Option(names = "--all", description = "With --list: every window kept, ended and cancelled ones included.")
    private boolean all;

    @Option(names = "--cancel", paramLabel = "WINDOW_ID", description = "End this window now; it stays recorded with who cancelled it and when.")
    private String cancel;

    @Option(names = "--json", description = "Print one JSON object per window and line.")
    private boolean json;

    @Mixin
    private RetentionOption retention;

    @Override
    public Integer call() {
        checkOptions();
        PrintWriter err = spec.commandLine().getErr();
        WindowReport report = new WindowReport(spec.commandLine().getOut(), json);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Optional<String> narrowedTo = Optional.ofNullable(account);
        Optional<WindowRequest> toOpen = list || cancel != null ? Optional.empty() : Optional.of(request(now));
        try (DynamoDbClient dynamo = aws.dynamoDb()) {
            BreakGlassWindows windows = new BreakGlassWindows(dynamo, auditTable.tableName(aws), retention.retention());
            if (list) {
                report.list(all ? windows.all(narrowedTo) : windows.notOver(narrowedTo, now), now, all);
                return 0;
            }
            if (cancel != null) {
                return cancel(windows, narrowedTo, now, report, err);
            }
            RecordedWindow opened = new RecordedWindow(toOpen.orElseThrow().window(BreakGlassWindows.newWindowId(), caller()),
                    Optional.of(now), Optional.empty());
            windows.open(opened.planned(), now);
            report.opened(opened, now);
            return 0;
        } catch (SdkException | IllegalStateException e) {
            err.println("rootwatch expect: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private int cancel(BreakGlassWindows windows, Optional<String> narrowedTo, Instant now, WindowReport report, PrintWriter err) {
        switch (windows.cancel(cancel, narrowedTo, now, caller())) {
            case CancelResult.Cancelled cancelled -> {
                report.cancelled(cancelled.window(), now);
                return 0;
            }
            case CancelResult.AlreadyOver over -> err.println("rootwatch expect: window " + over.window().id() + " of account "
                    + over.window().accountId() + over.window().cancellation()
                    .map(c -> " was already cancelled at " + c.at() + " by " + DisplayText.safe(c.by()))
                    .orElse(" already ended at " + over.window().planned().until()) + "; nothing changed");
            case CancelResult.NoSuchWindow none -> err.println("rootwatch expect: no break-glass window " + DisplayText.safe(none.windowId())
                    + narrowedTo.map(a -> " in account " + a).orElse("") + " (rootwatch expect --list --all shows them)");
        }
        err.flush();
        return 1;
    }

    private void checkOptions() {
        List<String> openOptions = new ArrayList<>();
        if (length != null) {
            openOptions.add("--for");
        }
        if (from != null) {
            openOptions.add("--from");
        }
        if (reason != null) {
            openOptions.add("--reason");
        }
        if (allowLong) {
            openOptions.add("--allow-long");
        }
        if (list && cancel != null) {
            throw usage("--list and --cancel do not go together");
        }
        if ((list || cancel != null) && !openOptions.isEmpty()) {
            throw usage(String.join(", ", openOptions) + " open a window; they do not go with " + (list ? "--list" : "--cancel"));
        }
        if (all && !list) {
            throw usage("--all goes with --list");
        }
        if (!list && cancel == null) {
            List<String> missing = new ArrayList<>();
            if (account == null) {
                missing.add("--account");
            }
            if (length == null) {
                missing.add("--for");
            }
            if (reason == null) {
                missing.add("--reason");
            }
            if (!missing.isEmpty()) {
                throw usage("to open a window, give " + String.join(", ", missing) + " (or --list, or --cancel WINDOW_ID)");
            }
        }
    }

    private WindowRequest request(Instant now) {
        try {
            return WindowRequest.of(account, Optional.ofNullable(from), length, reason, allowLong, now);
        } catch (WindowRequest.InvalidRequest invalid) {
            throw usage(invalid.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Who opens or cancels a window, as AWS knows the caller: recorded with the window as evidence. */
    private String caller() {
        try (StsClient sts = aws.sts()) {
            return sts.getCallerIdentity().arn();
        }
    }
}
