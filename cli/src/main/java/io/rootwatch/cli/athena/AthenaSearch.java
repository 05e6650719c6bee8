package io.rootwatch.cli.athena;

import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * Root activity searched for in a trail's logs with Amazon Athena instead of on this machine:
 * optionally creates the CloudTrail table, then runs {@link RootActivitySearchSql} and rebuilds
 * each row as a CloudTrail record.
 */
public final class AthenaSearch {
    private static final String DEFAULT_DATABASE = "default";

    private final AthenaTable table;
    private final AthenaQueryRunner runner;

    public AthenaSearch(AthenaClient athena, AthenaTable table, AthenaQueryRunner.Placement placement,
                        AthenaQueryRunner.Polling polling) {
        this.table = table;
        this.runner = new AthenaQueryRunner(athena, placement, polling);
    }

    /**
     * Creates the database if needed, then the table (both free: DDL scans nothing); answers the
     * table's statement. Athena's {@code default} database always exists, and not asking to create
     * it spares the caller glue:CreateDatabase.
     */
    public QuerySummary createTable(TableCreation creation) {
        if (!table.database().equals(DEFAULT_DATABASE)) {
            runner.run(CloudTrailTableDdl.createDatabase(table));
        }
        return runner.run(CloudTrailTableDdl.createTable(table, creation.trail(), creation.projection()));
    }

    /** Runs the search to its end, then reads its rows lazily as records. */
    public RootActivityRecords search(ScanScope scope) {
        String sql = RootActivitySearchSql.select(table, scope);
        QuerySummary summary = runner.run(sql);
        AthenaQueryRunner.Rows rows = runner.rows(summary.queryExecutionId());
        if (!rows.header().isEmpty()) {
            CloudTrailRows.checkHeader(rows.header());
        }
        return new RootActivityRecords(summary, sql, rows.data().map(CloudTrailRows::recordJson));
    }
}
