package io.rootwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.cli.athena.AthenaRows;
import io.rootwatch.cli.aws.MotoAws;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.EventSamples;
import io.rootwatch.testing.EventSamples.Sample;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rootwatch scan --athena: the records Athena finds (moto_server's configurable query results, as
 * moto runs no SQL) go through the same classifier, output and --record as log files read here.
 */
@DummyCredentials
class ScanAthenaTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final List<Sample> ROOT_SAMPLES = EventSamples.all().stream().filter(Sample::isRootActivity).toList();

    private DetectorFixture table;

    @BeforeEach
    void auditTable() throws Exception {
        table = new DetectorFixture(MOTO);
    }

    @Test
    void theRecordsAthenaFindsArePrintedClassifiedAsTheyWouldBeFromLogFiles() {
        AthenaRows.queueResult(MOTO, ROOT_SAMPLES.stream().map(Sample::record).toList());

        Rootwatch.Run run = scan("--json", "--since", "2026-11-01", "--until", "2026-11-30");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> printed = run.jsonLines();
        assertThat(printed).hasSameSizeAs(ROOT_SAMPLES);
        for (int i = 0; i < printed.size(); i++) {
            assertThat(printed.get(i).path("category").asText()).as(ROOT_SAMPLES.get(i).file())
                    .isEqualTo(ROOT_SAMPLES.get(i).category().name());
        }
        assertThat(run.err()).contains("searched with Athena: Athena query ", ROOT_SAMPLES.size() + " root events");
    }

    @Test
    void theSearchRunsOverTheGivenDaysAccountsAndRegions() {
        AthenaRows.queueResult(MOTO, List.of());

        Rootwatch.Run run = scan("--since", "2026-11-01", "--until", "2026-11-30", "--account", "111122223333", "--region", "eu-west-1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lastQuery().query()).contains("account IN ('111122223333')", "region IN ('eu-west-1')",
                "eventtime >= '2026-11-01T00:00:00Z'", "eventtime < '2026-12-01T00:00:00Z'");
    }

    @Test
    void recordedFromAthenaTheEventsAreInTheAuditTableOnceAndNobodyIsPaged() {
        AthenaRows.queueResult(MOTO, ROOT_SAMPLES.stream().map(Sample::record).toList());

        Rootwatch.Run run = scan("--record", "--table", DetectorFixture.TABLE);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(table.allEvents()).hasSize(ROOT_SAMPLES.size());
        assertThat(table.inbox.notifications()).isEmpty();
    }

    @Test
    void createTableRunsTheTablesStatementBeforeTheSearch() {
        AthenaRows.queueResult(MOTO, List.of());
        AthenaRows.queueResult(MOTO, List.of());

        Rootwatch.Run run = scan("--create-table", "s3://trail-bucket", "--create-table-accounts", "111122223333",
                "--create-table-regions", "us-east-1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("created the table if absent: Athena query ");
        try (AthenaClient athena = MotoAws.options(MOTO).athena()) {
            List<String> queries = athena.listQueryExecutions(b -> b.workGroup("primary")).queryExecutionIds().stream()
                    .map(id -> athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().query()).toList();
            assertThat(queries).anySatisfy(sql -> assertThat(sql).startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS"));
        }
    }

    @Test
    void aPathWithAthenaIsAUsageError() {
        Rootwatch.Run run = Rootwatch.run("scan", "/tmp/archive", "--athena");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--athena searches the table's trail location: give no PATH");
    }

    @Test
    void withoutPathOrAthenaThePathIsMissing() {
        Rootwatch.Run run = Rootwatch.run("scan");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'PATH|s3://BUCKET/PREFIX'");
    }

    private static Rootwatch.Run scan(String... options) {
        return Rootwatch.run(Stream.of(Stream.of("scan", "--athena", "--athena-output", "s3://athena-results/rootwatch/"),
                Stream.of(options), Stream.of("--aws-region", "us-east-1", "--endpoint-url", MOTO.endpoint().toString()))
                .flatMap(s -> s).toArray(String[]::new));
    }

    private static QueryExecution lastQuery() {
        try (AthenaClient athena = MotoAws.options(MOTO).athena()) {
            List<String> ids = athena.listQueryExecutions(b -> b.workGroup("primary")).queryExecutionIds();
            return ids.stream().map(id -> athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution())
                    .filter(q -> q.query().startsWith("SELECT"))
                    .max((a, b) -> a.status().submissionDateTime().compareTo(b.status().submissionDateTime())).orElseThrow();
        }
    }
}
