package io.rootwatch.cli;

import io.rootwatch.cli.athena.AthenaOptions;
import io.rootwatch.cli.athena.AthenaQueryException;
import io.rootwatch.cli.athena.AthenaRecordSource;
import io.rootwatch.cli.athena.ScanScope;
import io.rootwatch.cli.aws.AuditTableOptions;
import io.rootwatch.cli.aws.AwsOptions;
import io.rootwatch.cli.aws.RetentionOption;
import io.rootwatch.cli.aws.StackOutputs;
import io.rootwatch.cli.input.Problem;
import io.rootwatch.cli.output.ClassifiedEventPrinter;
import io.rootwatch.cli.output.DisplayText;
import io.rootwatch.cli.scan.ArchiveRecorder;
import io.rootwatch.cli.scan.ArchiveSource;
import io.rootwatch.cli.scan.ArchiveScan;
import io.rootwatch.cli.scan.ArchiveSources;
import io.rootwatch.cli.scan.DayBound;
import io.rootwatch.cli.scan.ProgressBar;
import io.rootwatch.cli.scan.RecordSource;
import io.rootwatch.cli.scan.RootEventPipeline;
import io.rootwatch.cli.scan.ScanFilter;
import io.rootwatch.cli.scan.ScanStatistics;
import io.rootwatch.detect.RootActivityClassifier;
import io.rootwatch.lambda.DetectorConfig;
import io.rootwatch.lambda.EventProcessor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

@Command(name = "scan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Finds every root event in a CloudTrail archive: the AWSLogs/... layout of .json.gz log files, on disk or in S3"
                        + " (organization trails included). Prints them classified like classify --root-only and, with --record,"
                        + " writes them into the audit table as the detector does: an event already recorded is not recorded"
                        + " again, and nothing is alerted unless --alert.",
                "",
                "--since, --until, --account and --region prune the listing by key (the account, region and delivery day in"
                        + " the path and in CloudTrail's file names): files ruled out are never read. CloudTrail-Digest,"
                        + " CloudTrail-Insight and other non-log files are skipped. A progress line is shown on a terminal.",
                "",
                "Unreadable files (corrupt gzip, JSON that is not CloudTrail's) are reported on stderr by path; the rest is"
                        + " still scanned.",
                "",
                "With --athena, no PATH: the search runs on Amazon Athena over the trail's CloudTrail table (created first with"
                        + " --create-table), with --since, --until, --account and --region as partition predicates, and the"
                        + " records found stream back through the same classifier, output and --record.",
                "",
                "Exit status: 0 when every file was read; 1 when any file or prefix could not be (reported above the summary);"
                        + " 2 for a usage error; 3 when the audit table, the topic, the stack or the Athena query could not be used (the scan stops)."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  rootwatch scan ~/trail-copy/AWSLogs",
                "  rootwatch scan s3://org-trail-bucket/AWSLogs/o-a1b2c3d4e5/ --since 90d --account 111122223333",
                "  rootwatch scan s3://trail/AWSLogs/ --since 2025-01-01 --until 2025-03-31 --region us-east-1 --json | jq .headline",
                "  rootwatch scan s3://trail/AWSLogs/ --since 30d --record --stack Rootwatch",
                "  rootwatch scan --athena --create-table s3://trail-bucket --athena-output s3://athena-results/ --since 365d"})
final class ScanCommand implements Callable<Integer> {
    static final int AWS_FAILURE = 3;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH|s3://BUCKET/PREFIX",
            description = "A CloudTrail archive: a directory (walked), a single log file, or an S3 location (a prefix, or one object's key)."
                    + " None with --athena.")
    private String location;

    @Option(names = "--json", description = "Print one JSON object per root event and line (as classify --json) instead of a table.")
    private boolean json;

    @Option(names = "--since", paramLabel = "30d|DATE", description = "Read files delivered on this day (UTC) or later: 30d is 30 days before today.")
    private String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Read files delivered on this day (UTC) or earlier.")
    private String until;

    @Option(names = "--account", paramLabel = "ID", description = "Read only this account's files (repeatable).")
    private List<String> accounts = List.of();

    @Option(names = "--region", paramLabel = "REGION", description = "Read only the files of this trail region (repeatable). The AWS region of the calls is --aws-region.")
    private List<String> regions = List.of();

    @Option(names = "--threads", paramLabel = "N", description = "Files read at once (default: the number of CPUs, ${DEFAULT-VALUE}).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--record", description = "Write the root events found into the audit table, each once (by eventID).")
    private boolean record;

    @Option(names = "--alert", description = "With --record: alert the root events not recorded before, as the detector would live.")
    private boolean alert;

    @Option(names = "--topic", paramLabel = "ARN", description = "With --alert: the alert topic (default: the AlertTopicArn output of the --stack).")
    private String topic;

    @Mixin
    private AuditTableOptions auditTable;

    @Mixin
    private AthenaOptions athena;

    @Mixin
    private RetentionOption retention;

    @Option(names = "--aws-region", paramLabel = "REGION", description = "AWS region of the calls (default: AWS_REGION, then the profile's region).")
    private String awsRegion;

    @Option(names = "--profile", description = "A profile of ~/.aws/config (default: the default credentials chain).")
    private String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Another endpoint, such as a local emulator.")
    private URI endpoint;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScanFilter filter = filter();
        if (alert && !record) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--alert needs --record: only events written to the audit table are alerted");
        }
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        AwsOptions aws = AwsOptions.of(Optional.ofNullable(awsRegion), Optional.ofNullable(profile), Optional.ofNullable(endpoint));
        ScanStatistics statistics = new ScanStatistics();
        ClassifiedEventPrinter printer = json ? ClassifiedEventPrinter.jsonLines(out)
                : ClassifiedEventPrinter.table(out, "No root activity found.");
        boolean terminal = ProgressBar.standardErrorIsTerminal();
        if (athena.enabled() == (location != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), athena.enabled()
                    ? "--athena searches the table's trail location: give no PATH (--create-table names the trail's bucket)"
                    : "Missing required parameter: 'PATH|s3://BUCKET/PREFIX' (or --athena)");
        }
        ArchiveSource archive;
        try {
            archive = athena.enabled() ? null : ArchiveSources.of(location, aws::s3);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (archive; AthenaClient athenaClient = athena.enabled() ? aws.athena() : null;
             DynamoDbClient dynamo = record ? aws.dynamoDb() : null; SnsClient sns = record ? aws.sns() : null) {
            Optional<ArchiveRecorder> recorder = record ? Optional.of(new ArchiveRecorder(processor(aws, dynamo, sns))) : Optional.empty();
            RootEventPipeline pipeline = new RootEventPipeline(RootActivityClassifier.withBundledCatalog(), printer, recorder, statistics);
            RecordSource records = athena.enabled()
                    ? new AthenaRecordSource(athena.search(athenaClient), athena.tableCreation(aws), scope(filter), note -> {
                        err.println("rootwatch scan: " + note);
                        err.flush();
                    })
                    : new ArchiveScan(archive, filter, threads);
            Optional<String> recorded;
            try (ProgressBar progress = terminal ? ProgressBar.start(err, statistics) : null) {
                Consumer<Problem> report = problem -> {
                    synchronized (err) {
                        err.print(terminal ? "\r\033[K" : "");
                        err.println(DisplayText.safe(problem.describe()));
                        err.flush();
                    }
                };
                records.feed(pipeline, statistics, report);
                recorded = pipeline.finish();
            }
            out.flush();
            err.println("rootwatch scan: " + statistics.describe()
                    + (statistics.badInputs() > 0 ? "; " + statistics.badInputs() + " unreadable input(s), reported above" : "")
                    + recorded.map(text -> "; " + text).orElse(""));
            err.flush();
            return statistics.badInputs() > 0 ? 1 : 0;
        } catch (SdkException | IllegalStateException | AthenaQueryException e) {
            out.flush();
            err.println("rootwatch scan: stopped: " + e.getMessage());
            err.println("rootwatch scan: before stopping: " + statistics.describe());
            err.flush();
            return AWS_FAILURE;
        }
    }

    private ScanFilter filter() {
        Clock clock = Clock.systemUTC();
        Optional<LocalDate> first;
        Optional<LocalDate> last;
        try {
            first = Optional.ofNullable(since).map(text -> DayBound.parse(text, clock));
            last = Optional.ofNullable(until).map(text -> DayBound.parse(text, clock));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (first.isPresent() && last.isPresent() && first.get().isAfter(last.get())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--since " + since + " is after --until " + until);
        }
        for (String account : accounts) {
            if (!account.matches("\\d{12}")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--account " + account + ": an account ID has 12 digits");
            }
        }
        return new ScanFilter(first, last, Set.copyOf(accounts), Set.copyOf(regions));
    }

    /** The days of the filter as the Athena search's time range: from the first day's start to the end of the last. */
    private ScanScope scope(ScanFilter filter) {
        try {
            return new ScanScope(filter.since().map(day -> day.atStartOfDay(ZoneOffset.UTC).toInstant()),
                    filter.until().map(day -> day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()),
                    filter.accounts(), filter.regions());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The live detector's processor on the audit table; it alerts only with --alert. */
    private EventProcessor processor(AwsOptions aws, DynamoDbClient dynamo, SnsClient sns) {
        String table = auditTable.tableName(aws);
        DetectorConfig config = alert
                ? DetectorConfig.fromEnvironment(Map.of(DetectorConfig.TABLE, table, DetectorConfig.RETENTION_DAYS, retention.days(),
                        DetectorConfig.TOPIC, topic != null ? topic : auditTable.stackOutput(aws, StackOutputs.ALERT_TOPIC_ARN)))
                : DetectorConfig.forRecordingOnly(Map.of(DetectorConfig.TABLE, table, DetectorConfig.RETENTION_DAYS, retention.days()));
        return EventProcessor.forArchive(config, dynamo, sns, Clock.systemUTC(),
                alert ? EventProcessor.Paging.ALERT : EventProcessor.Paging.RECORD_ONLY);
    }
}
