package io.rootwatch.cli.athena;

import io.rootwatch.cli.aws.AwsOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The options of a scan that runs on Amazon Athena ({@code @Mixin}): where the CloudTrail table is,
 * which workgroup runs the query and where its result goes, and, to create the table first, the
 * trail's location and the partitions to project.
 */
public final class AthenaOptions {
    private static final Pattern WORKGROUP = Pattern.compile("[a-zA-Z0-9._-]{1,128}");

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--athena", description = "Search the trail's logs in S3 with Amazon Athena instead of reading files here.")
    private boolean enabled;

    @Option(names = "--athena-database", paramLabel = "NAME", defaultValue = "default",
            description = "Database of the CloudTrail table (default: ${DEFAULT-VALUE}).")
    private String database;

    @Option(names = "--athena-table", paramLabel = "NAME", defaultValue = "rootwatch_cloudtrail",
            description = "The CloudTrail table (default: ${DEFAULT-VALUE}).")
    private String table;

    @Option(names = "--athena-workgroup", paramLabel = "NAME", defaultValue = "primary",
            description = "Workgroup that runs the query (default: ${DEFAULT-VALUE}).")
    private String workgroup;

    @Option(names = "--athena-output", paramLabel = "S3URL",
            description = "Where Athena writes the query result, s3://bucket/prefix/ (default: the workgroup's result location).")
    private String output;

    @Option(names = "--create-table", paramLabel = "S3URL",
            description = "First create the table (if it does not exist) over the trail's bucket and key prefix, s3://bucket[/prefix].")
    private String createTable;

    @Option(names = "--organization-id", paramLabel = "o-ID",
            description = "The trail is an organization trail: its logs are under AWSLogs/o-ID/ (with --create-table).")
    private String organizationId;

    @Option(names = "--create-table-accounts", paramLabel = "ACCOUNT", split = ",",
            description = "Accounts whose logs the new table reads (default: the caller's account; required with --organization-id).")
    private List<String> tableAccounts = List.of();

    @Option(names = "--create-table-regions", paramLabel = "REGION", split = ",",
            description = "Regions whose logs the new table reads (default: every region of the partition this rootwatch knows).")
    private List<String> tableRegions = List.of();

    @Option(names = "--create-table-from", paramLabel = "YYYY-MM-DD",
            description = "First day the new table reads (default: 2013-11-01, when CloudTrail started).")
    private LocalDate tableFrom;

    public boolean enabled() {
        return enabled;
    }

    public AthenaTable table() {
        return checked(() -> new AthenaTable(database, table));
    }

    public AthenaQueryRunner.Placement placement() {
        requireAthena();
        if (!WORKGROUP.matcher(workgroup).matches()) {
            throw usage("--athena-workgroup must be 1 to 128 letters, digits, '.', '_' or '-', not '" + workgroup + "'");
        }
        Optional<String> outputLocation = Optional.ofNullable(output).map(location -> checked(() -> {
            SqlText.s3Segments("--athena-output", location);
            return location.endsWith("/") ? location : location + "/";
        }));
        return checked(() -> new AthenaQueryRunner.Placement(database, workgroup, outputLocation));
    }

    /**
     * The table to create first, when {@code --create-table} asks for one; {@code callerAccount} is
     * asked only when the accounts are neither given nor an organization's.
     */
    public Optional<TableCreation> tableCreation(Supplier<String> callerAccount, Region athenaRegion) {
        requireAthena();
        if (createTable == null) {
            if (organizationId != null || !tableAccounts.isEmpty() || !tableRegions.isEmpty() || tableFrom != null) {
                throw usage("--organization-id and --create-table-* only apply with --create-table");
            }
            return Optional.empty();
        }
        TrailLocation trail = checked(() -> TrailLocation.parse(createTable, Optional.ofNullable(organizationId)));
        Set<String> accounts;
        if (!tableAccounts.isEmpty()) {
            accounts = new LinkedHashSet<>(tableAccounts);
        } else if (trail.organizationId().isPresent()) {
            throw usage("an organization trail's table needs --create-table-accounts: the member accounts whose logs it reads");
        } else {
            accounts = Set.of(callerAccount.get());
        }
        Set<String> regions = tableRegions.isEmpty() ? regionsOf(athenaRegion) : new LinkedHashSet<>(tableRegions);
        LocalDate from = tableFrom == null ? TableProjection.CLOUDTRAIL_LAUNCH : tableFrom;
        return Optional.of(checked(() -> new TableCreation(trail, new TableProjection(accounts, regions, from))));
    }

    /** As {@link #tableCreation(Supplier, Region)}, asking STS for the caller's account only when needed. */
    public Optional<TableCreation> tableCreation(AwsOptions aws) {
        return tableCreation(() -> {
            try (StsClient sts = aws.sts()) {
                return sts.getCallerIdentity().account();
            }
        }, aws.region());
    }

    /** The search these options describe, on that client. */
    public AthenaSearch search(AthenaClient athena) {
        return new AthenaSearch(athena, table(), placement(), AthenaQueryRunner.Polling.DEFAULT);
    }

    /** Every public region of the partition the query runs in (aws, aws-cn, aws-us-gov), as the SDK lists them. */
    static Set<String> regionsOf(Region athenaRegion) {
        Optional<String> partition = Optional.ofNullable(athenaRegion.metadata()).map(m -> m.partition().id());
        return Region.regions().stream()
                .filter(region -> !region.isGlobalRegion())
                .filter(region -> partition.equals(Optional.ofNullable(region.metadata()).map(RegionMetadata::partition)
                        .map(p -> p.id())))
                .map(Region::id)
                .filter(id -> id.matches("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private void requireAthena() {
        if (!enabled) {
            throw usage("the Athena options need --athena");
        }
    }

    private <T> T checked(Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(mixee.commandLine(), message);
    }
}
