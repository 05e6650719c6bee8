package io.rootwatch.cli.athena;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.regions.Region;

import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The Athena options as a command that mixes them in reads them, defaults and usage errors included. */
class AthenaOptionsTest {

    @Command(name = "scan")
    static final class ScanLike {
        @Mixin
        AthenaOptions athena;
    }

    private static AthenaOptions parse(String... args) {
        ScanLike command = new ScanLike();
        new CommandLine(command).parseArgs(args);
        return command.athena;
    }

    private static String neverAsked() {
        throw new AssertionError("the caller's account was looked up although not needed");
    }

    @Test
    void isOffUnlessAsked() {
        assertThat(parse().enabled()).isFalse();
        assertThat(parse("--athena").enabled()).isTrue();
    }

    @Test
    void defaultsToTheDefaultDatabaseTheRootwatchTableAndThePrimaryWorkgroup() {
        AthenaOptions options = parse("--athena");

        assertThat(options.table()).isEqualTo(new AthenaTable("default", "rootwatch_cloudtrail"));
        assertThat(options.placement()).isEqualTo(new AthenaQueryRunner.Placement("default", "primary", Optional.empty()));
        assertThat(options.tableCreation(AthenaOptionsTest::neverAsked, Region.US_EAST_1)).isEmpty();
    }

    @Test
    void takesTheResultLocationAsAFolder() {
        assertThat(parse("--athena", "--athena-output", "s3://athena-results/rootwatch").placement().outputLocation())
                .contains("s3://athena-results/rootwatch/");
    }

    @Test
    void reportsAResultLocationThatIsNotAnS3FolderAsAUsageError() {
        assertThatExceptionOfType(ParameterException.class)
                .isThrownBy(() -> parse("--athena", "--athena-output", "https://athena-results/rootwatch").placement())
                .withMessageContaining("--athena-output must be an s3://bucket[/prefix] URL");
    }

    @Test
    void refusesAthenaOptionsWithoutAthena() {
        assertThatExceptionOfType(ParameterException.class).isThrownBy(() -> parse("--athena-table", "trail").placement())
                .withMessageContaining("--athena");
    }

    @Test
    void reportsAnUnusableTableNameAsAUsageError() {
        assertThatExceptionOfType(ParameterException.class)
                .isThrownBy(() -> parse("--athena", "--athena-table", "trail; DROP TABLE audit").table())
                .withMessageContaining("table must be lower-case letters, digits and underscores");
    }

    @Test
    void reportsAnUnusableWorkgroupAsAUsageError() {
        assertThatExceptionOfType(ParameterException.class)
                .isThrownBy(() -> parse("--athena", "--athena-workgroup", "primary'").placement())
                .withMessageContaining("--athena-workgroup");
    }

    @Test
    void createsTheTableOfASingleAccountTrailForTheCallersAccountInEveryRegionOfThePartition() {
        TableCreation creation = parse("--athena", "--create-table", "s3://trail-bucket/management")
                .tableCreation(() -> "123456789012", Region.US_EAST_1).orElseThrow();

        assertThat(creation.trail().storageTemplate())
                .isEqualTo("s3://trail-bucket/management/AWSLogs/${account}/CloudTrail/${region}/${timestamp}");
        assertThat(creation.projection().accounts()).containsExactly("123456789012");
        assertThat(creation.projection().regions()).contains("us-east-1", "eu-west-1", "ap-southeast-2")
                .doesNotContain("cn-north-1", "us-gov-west-1", "aws-global");
        assertThat(creation.projection().firstDay()).isEqualTo(LocalDate.of(2013, 11, 1));
    }

    @Test
    void createsTheTableOfAnOrganizationTrailForTheGivenAccountsRegionsAndFirstDay() {
        TableCreation creation = parse("--athena", "--create-table", "s3://org-trail-logs", "--organization-id", "o-a1b2c3d4e5",
                "--create-table-accounts", "111122223333,444455556666", "--create-table-regions", "us-east-1,eu-west-1",
                "--create-table-from", "2025-06-01")
                .tableCreation(AthenaOptionsTest::neverAsked, Region.US_EAST_1).orElseThrow();

        assertThat(creation.trail().accountsRoot()).isEqualTo("s3://org-trail-logs/AWSLogs/o-a1b2c3d4e5/");
        assertThat(creation.projection().accounts()).containsExactly("111122223333", "444455556666");
        assertThat(creation.projection().regions()).containsExactly("eu-west-1", "us-east-1");
        assertThat(creation.projection().firstDay()).isEqualTo(LocalDate.of(2025, 6, 1));
    }

    @Test
    void needsTheMemberAccountsOfAnOrganizationTrail() {
        assertThatExceptionOfType(ParameterException.class)
                .isThrownBy(() -> parse("--athena", "--create-table", "s3://org-trail-logs", "--organization-id", "o-a1b2c3d4e5")
                        .tableCreation(AthenaOptionsTest::neverAsked, Region.US_EAST_1))
                .withMessageContaining("--create-table-accounts");
    }

    @Test
    void refusesTableOptionsWithoutCreateTable() {
        assertThatExceptionOfType(ParameterException.class)
                .isThrownBy(() -> parse("--athena", "--organization-id", "o-a1b2c3d4e5")
                        .tableCreation(AthenaOptionsTest::neverAsked, Region.US_EAST_1))
                .withMessageContaining("only apply with --create-table");
    }

    @Test
    void reportsAnUnusableAccountAsAUsageError() {
        assertThatExceptionOfType(ParameterException.class)
                .isThrownBy(() -> parse("--athena", "--create-table", "s3://trail-bucket", "--create-table-accounts", "1111'")
                        .tableCreation(AthenaOptionsTest::neverAsked, Region.US_EAST_1))
                .withMessageContaining("account id must be 12 digits");
    }

    @Test
    void listsItsOptionsInTheHelpOfTheCommandThatMixesThemIn() {
        String usage = new CommandLine(new ScanLike()).getUsageMessage();

        assertThat(usage).contains("--athena", "--athena-database", "--athena-table", "--athena-workgroup", "--athena-output",
                "--create-table", "--organization-id", "--create-table-accounts", "--create-table-regions", "--create-table-from");
    }
}
