package io.rootwatch.cli.athena;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The statements rootwatch sends to Athena, compared with golden files of the SQL. */
class AthenaSqlTest {
    private static final AthenaTable TABLE = new AthenaTable("default", "rootwatch_cloudtrail");

    @Test
    void createsTheTableOfASingleAccountTrailWithPartitionProjection() {
        TrailLocation trail = TrailLocation.parse("s3://acme-cloudtrail/management", Optional.empty());
        TableProjection projection = new TableProjection(Set.of("111122223333"), Set.of("us-east-1", "eu-west-1"),
                LocalDate.of(2024, 1, 1));

        Golden.assertMatches("create-table-single-account.sql", CloudTrailTableDdl.createTable(TABLE, trail, projection));
    }

    @Test
    void createsTheTableOfAnOrganizationTrailUnderItsOrganizationFolder() {
        TrailLocation trail = TrailLocation.parse("s3://org-trail-logs", Optional.of("o-a1b2c3d4e5"));
        TableProjection projection = new TableProjection(Set.of("444455556666", "111122223333", "210987654321"),
                Set.of("us-east-1", "eu-central-1", "ap-northeast-1"), TableProjection.CLOUDTRAIL_LAUNCH);

        Golden.assertMatches("create-table-organization.sql",
                CloudTrailTableDdl.createTable(new AthenaTable("security", "org_trail"), trail, projection));
    }

    @Test
    void createsANamedDatabaseOnlyIfItIsMissing() {
        assertThat(CloudTrailTableDdl.createDatabase(new AthenaTable("security", "org_trail")))
                .isEqualTo("CREATE DATABASE IF NOT EXISTS `security`");
    }

    @Test
    void searchesEveryRootRecordOfTheTableWhenTheScanHasNoScope() {
        Golden.assertMatches("search-everything.sql", RootActivitySearchSql.select(TABLE, ScanScope.everything()));
    }

    @Test
    void turnsTheScopeIntoPartitionPredicatesAndExactEventTimeBounds() {
        ScanScope scope = new ScanScope(Optional.of(Instant.parse("2026-11-01T08:30:00Z")),
                Optional.of(Instant.parse("2026-11-29T00:00:00.250Z")),
                Set.of("444455556666", "111122223333"), Set.of("us-east-1", "eu-west-2"));

        Golden.assertMatches("search-scoped.sql", RootActivitySearchSql.select(TABLE, scope));
    }

    @Test
    void readsTheDaysAroundTheScopeBecauseLogFilesLandInTheFolderOfTheirDeliveryDay() {
        ScanScope scope = new ScanScope(Optional.of(Instant.parse("2026-03-01T00:00:00Z")),
                Optional.of(Instant.parse("2026-03-02T00:00:00Z")), Set.of(), Set.of());

        assertThat(RootActivitySearchSql.select(TABLE, scope))
                .contains("\"timestamp\" >= '2026/02/28'", "\"timestamp\" <= '2026/03/03'",
                        "eventtime >= '2026-03-01T00:00:00Z'", "eventtime < '2026-03-02T00:00:00Z'");
    }

    @Test
    void takesATrailLocationGivenDownToItsAwsLogsFolder() {
        TrailLocation trail = TrailLocation.parse("s3://org-trail-logs/team/AWSLogs/o-a1b2c3d4e5/", Optional.empty());

        assertThat(trail.organizationId()).contains("o-a1b2c3d4e5");
        assertThat(trail.storageTemplate())
                .isEqualTo("s3://org-trail-logs/team/AWSLogs/o-a1b2c3d4e5/${account}/CloudTrail/${region}/${timestamp}");
    }
}
