package io.rootwatch.cli;

import io.rootwatch.audit.AuditRecord;
import io.rootwatch.cli.aws.AuditTableOptions;
import io.rootwatch.cli.aws.AwsOptions;
import io.rootwatch.cli.query.AuditQuery;
import io.rootwatch.cli.query.Period;
import io.rootwatch.cli.query.PeriodOptions;
import io.rootwatch.cli.query.QueryFilters;
import io.rootwatch.cli.query.QueryFormat;
import io.rootwatch.cli.query.QueryPlan;
import io.rootwatch.cli.query.RecordPrinter;
import io.rootwatch.detect.Category;
import io.rootwatch.detect.Severity;
import io.rootwatch.detect.TaskCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

@Command(name = "query",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Lists the root events of the audit table that match the filters, oldest first.",
                "",
                "The query reads one of the table's indexes, never the whole table: byAccount when --account is given,"
                        + " else byCategory for --category, else bySeverity for --severity/--min-severity, else byDay"
                        + " (one query per day of the period). The period is a key condition; other filters are"
                        + " applied by DynamoDB before the results come back. --explain shows the plan.",
                "Without --since or --from, the period is the last 7 days.",
                "",
                "Exit status: 0 when the query ran (even when nothing matched), 1 on an AWS error or an unreadable"
                        + " item (reported on stderr by its key; the others are still printed), 2 for a usage error."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  rootwatch query --since 24h",
                "  rootwatch query --account 111122223333 --from 2026-11-01 --until 2026-11-30 --format csv > november.csv",
                "  rootwatch query --min-severity HIGH --unexpected --since 7d --format jsonl | jq -c '{eventTime, accountId, eventName}'",
                "  rootwatch query --category ROOT_ONLY_TASK --task close-account --since 90d --table rootwatch-audit"})
final class QueryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Mixin
    private AuditTableOptions table;

    @Mixin
    private PeriodOptions period;

    @Option(names = "--account", paramLabel = "ID", split = ",", description = "Only this account (12 digits); repeat or separate with commas for several.")
    private List<String> accounts = new ArrayList<>();

    @Option(names = "--category", paramLabel = "CATEGORY", split = ",",
            description = "Only this category; repeatable. One of: ${COMPLETION-CANDIDATES}.")
    private List<Category> categories = new ArrayList<>();

    @Option(names = "--severity", paramLabel = "SEVERITY", split = ",",
            description = "Only this severity; repeatable. One of: ${COMPLETION-CANDIDATES}.")
    private List<Severity> severities = new ArrayList<>();

    @Option(names = "--min-severity", paramLabel = "SEVERITY", description = "Only this severity or a more urgent one.")
    private Severity minSeverity;

    @Option(names = "--task", paramLabel = "ID", description = "Only events of this task of the catalog (rootwatch tasks lists them).")
    private String task;

    @Option(names = "--source-ip", paramLabel = "IP", description = "Only events from this source address (sourceIPAddress as recorded).")
    private String sourceIp;

    @Option(names = "--expected", description = "Only events inside a break-glass window (planned).")
    private boolean expected;

    @Option(names = "--unexpected", description = "Only events outside any break-glass window.")
    private boolean unexpected;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class, defaultValue = "table",
            description = "table (default), jsonl (one JSON object per line) or csv (RFC 4180, with a header).")
    private QueryFormat format;

    @Option(names = "--explain", description = "Print the query plan (index, partitions, filters) and stop.")
    private boolean explain;

    @Option(names = "--page-size", hidden = true, paramLabel = "N", description = "Items DynamoDB reads per request.")
    private Integer pageSize;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        QueryPlan plan = QueryPlan.of(filters());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (explain) {
            out.println(plan.describe());
            out.flush();
            return 0;
        }
        AtomicInteger unreadable = new AtomicInteger();
        int count = 0;
        String tableName = "";
        try (DynamoDbClient dynamo = aws.dynamoDb()) {
            tableName = table.tableName(aws);
            AuditQuery query = new AuditQuery(dynamo, tableName, Optional.ofNullable(pageSize));
            RecordPrinter printer = RecordPrinter.of(format, out);
            try (Stream<AuditRecord> records = query.run(plan, problem -> {
                unreadable.incrementAndGet();
                err.println("rootwatch query: " + problem.getMessage());
            })) {
                for (AuditRecord record : (Iterable<AuditRecord>) records::iterator) {
                    printer.print(record);
                    count++;
                }
            }
            printer.finish();
        } catch (ResourceNotFoundException e) {
            out.flush();
            err.println("rootwatch query: table " + tableName + " (or its index) not found in " + aws.region() + ": "
                    + e.awsErrorDetails().errorMessage());
            err.flush();
            return 1;
        } catch (SdkException e) {
            out.flush();
            err.println("rootwatch query: " + e.getMessage());
            err.flush();
            return 1;
        }
        err.println(count + (count == 1 ? " event" : " events") + " from " + plan.period());
        err.flush();
        return unreadable.get() == 0 ? 0 : 1;
    }

    private QueryFilters filters() {
        Period resolved;
        try {
            resolved = period.resolve(clock, Duration.ofDays(7));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        accounts.stream().filter(id -> !id.matches("[0-9]{12}")).findFirst()
                .ifPresent(id -> {
                    throw usage("--account '" + id + "' is not an AWS account id (12 digits)");
                });
        if (minSeverity != null && !severities.isEmpty()) {
            throw usage("--severity and --min-severity cannot be combined");
        }
        if (expected && unexpected) {
            throw usage("--expected and --unexpected cannot be combined");
        }
        if (task != null && TaskCatalog.bundled().task(task).isEmpty()) {
            throw usage("--task '" + task + "' is not in the task catalog (rootwatch tasks lists the ids)");
        }
        if (pageSize != null && pageSize < 1) {
            throw usage("--page-size must be at least 1");
        }
        Set<Severity> wanted = minSeverity == null ? Set.copyOf(severities)
                : EnumSet.copyOf(Arrays.stream(Severity.values()).filter(s -> s.isAtLeast(minSeverity)).toList());
        Optional<Boolean> expectedFilter = expected ? Optional.of(true) : unexpected ? Optional.of(false) : Optional.empty();
        return new QueryFilters(resolved, accounts, categories, wanted, Optional.ofNullable(task), Optional.ofNullable(sourceIp),
                expectedFilter);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<QueryFormat> {
        @Override
        public QueryFormat convert(String value) {
            try {
                return QueryFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
