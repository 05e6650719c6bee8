package io.rootwatch.cli;

import io.rootwatch.accounts.OrganizationAccount;
import io.rootwatch.accounts.OrganizationAccounts;
import io.rootwatch.accounts.OrganizationsException;
import io.rootwatch.cli.aws.AuditTableOptions;
import io.rootwatch.cli.aws.AwsOptions;
import io.rootwatch.cli.query.Period;
import io.rootwatch.cli.query.PeriodOptions;
import io.rootwatch.cli.report.AccountList;
import io.rootwatch.cli.report.AuditEvidence;
import io.rootwatch.cli.report.ReportFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

@Command(name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Writes the audit evidence of a period from the audit table: per account, the last root sign-in,"
                + " events by category and severity, root-only tasks performed, sign-ins without MFA and calls signed with"
                + " a root access key; and the accounts with no root activity at all.",
                "",
                "Accounts are known from their events in the period, from the table's last-sign-in items (every account"
                        + " whose root ever signed in since rootwatch was deployed), and from --accounts/--accounts-file:"
                        + " list every account of the organization there to see the quiet ones. With --account, the report"
                        + " covers those accounts only.",
                "Without --since or --from, the period is the last 30 days. HTML is one self-contained file with a"
                        + " timeline chart: no script, nothing fetched.",
                "",
                "Exit status: 0 when the report was written, 1 on an AWS or file error or an unreadable item"
                        + " (reported on stderr by its key; the report leaves it out), 2 for a usage error."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  rootwatch report --since 30d > root-activity.md",
                "  rootwatch report --from 2026-10-01 --until 2026-12-31 --format html --output q4-root-activity.html \\",
                "                   --accounts-file <(aws organizations list-accounts --query 'Accounts[].Id' --output text)",
                "  rootwatch report --account 111122223333 --since 90d --table rootwatch-audit"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Mixin
    private AuditTableOptions table;

    @Mixin
    private PeriodOptions period;

    @Option(names = "--account", paramLabel = "ID", split = ",", description = "Report on this account only; repeatable.")
    private List<String> only = new ArrayList<>();

    @Option(names = "--accounts", paramLabel = "ID,...", split = ",",
            description = "Accounts to list even with no root activity and no record in the table.")
    private List<String> expected = new ArrayList<>();

    @Option(names = "--accounts-file", paramLabel = "FILE",
            description = "Like --accounts, from a file: ids separated by white space or commas, # comments.")
    private Path accountsFile;

    @Option(names = "--organization",
            description = "List every active account of the AWS Organization (organizations:ListAccounts, from the management"
                    + " or a delegated administrator account), so that an account with no root activity at all is named too.")
    private boolean organization;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class, defaultValue = "markdown",
            description = "markdown (default) or html.")
    private ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here (default: standard output).")
    private Path output;

    private final Clock clock = Clock.systemUTC();

    private List<String> organizationAccounts() throws OrganizationsException {
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            return new OrganizationAccounts(aws.organizations(aws.region()), aws.callerCredentials(), http).list().stream()
                    .filter(OrganizationAccount::active).map(OrganizationAccount::id).toList();
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Period resolved;
        Set<String> listed = new LinkedHashSet<>(expected);
        try {
            resolved = period.resolve(clock, Duration.ofDays(30));
            for (String id : concat(only, expected)) {
                if (!AccountList.isAccountId(id)) {
                    throw new IllegalArgumentException("'" + id + "' is not an AWS account id (12 digits)");
                }
            }
            if (accountsFile != null) {
                listed.addAll(AccountList.read(accountsFile));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --accounts-file " + accountsFile + ": " + e);
        }
        if (organization) {
            try {
                listed.addAll(organizationAccounts());
            } catch (OrganizationsException e) {
                err.println("rootwatch report: cannot list the organization's accounts: " + e.getMessage());
                err.flush();
                return 1;
            }
        }
        AtomicInteger unreadable = new AtomicInteger();
        String report;
        AuditEvidence evidence;
        try (DynamoDbClient dynamo = aws.dynamoDb()) {
            evidence = AuditEvidence.collect(dynamo, table.tableName(aws), resolved, only, listed,
                    period.now(clock), problem -> {
                        unreadable.incrementAndGet();
                        err.println("rootwatch report: " + problem.getMessage());
                    });
            report = format.render(evidence);
        } catch (SdkException e) {
            err.println("rootwatch report: " + e.getMessage());
            err.flush();
            return 1;
        }
        if (output == null) {
            out.print(report);
            out.flush();
        } else {
            try {
                Files.writeString(output, report, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("rootwatch report: cannot write " + output + ": " + e.getMessage());
                err.flush();
                return 1;
            }
            err.println("wrote " + output + ": " + evidence.events().size() + " root events, " + evidence.accounts().size()
                    + " accounts, " + resolved);
        }
        err.flush();
        return unreadable.get() == 0 ? 0 : 1;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
