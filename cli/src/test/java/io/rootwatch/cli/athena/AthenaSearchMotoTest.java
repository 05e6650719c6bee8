package io.rootwatch.cli.athena;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.cli.aws.AwsOptions;
import io.rootwatch.cli.aws.MotoAws;
import io.rootwatch.detect.RootActivityClassifier;
import io.rootwatch.detect.Verdict;
import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.EventSamples;
import io.rootwatch.testing.EventSamples.Sample;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The Athena search end to end against moto_server's Athena: moto does not run SQL, so each test
 * queues the rows Athena would return (moto's configurable query results) and checks what the
 * search sent and what it made of the rows. Paging and FAILED, which moto lacks, go through
 * {@link AthenaStandIn} in front of moto.
 */
@DummyCredentials
class AthenaSearchMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final RootActivityClassifier CLASSIFIER = RootActivityClassifier.withBundledCatalog();
    private static final AthenaTable TABLE = new AthenaTable("default", "rootwatch_cloudtrail");
    private static final AthenaQueryRunner.Placement PLACEMENT =
            new AthenaQueryRunner.Placement("default", "primary", Optional.of("s3://rootwatch-athena-results/scan/"));
    private static final AthenaQueryRunner.Polling QUICK =
            new AthenaQueryRunner.Polling(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(20));
    private static final ScanScope NOVEMBER = new ScanScope(Optional.of(Instant.parse("2026-11-01T00:00:00Z")),
            Optional.of(Instant.parse("2026-12-01T00:00:00Z")), Set.of(), Set.of());

    private AthenaClient athena;

    @BeforeEach
    void emptyAccount() throws Exception {
        MOTO.reset();
        athena = MotoAws.options(MOTO).athena();
    }

    @AfterEach
    void queriesEndAtOnceAgain() throws Exception {
        motoApi("/moto-api/state-manager/unset-transition", "{\"model_name\":\"athena::execution\"}");
        athena.close();
    }

    @Test
    void streamsTheRecordsOfTheResultRebuiltSoThatTheClassifierGivesEachItsVerdict() throws Exception {
        List<Sample> samples = EventSamples.all().stream().filter(Sample::isRootActivity).toList();
        queueResult(samples.stream().map(Sample::record).toList());

        List<String> records = new AthenaSearch(athena, TABLE, PLACEMENT, QUICK).search(NOVEMBER).records().toList();

        assertThat(records).hasSameSizeAs(samples);
        for (int i = 0; i < samples.size(); i++) {
            Verdict verdict = CLASSIFIER.classify(AthenaRows.MAPPER.readTree(records.get(i)));
            assertThat(verdict.category()).as(samples.get(i).file()).isEqualTo(samples.get(i).category());
            assertThat(verdict.taskId()).as(samples.get(i).file()).isEqualTo(samples.get(i).task());
            assertThat(verdict.severity()).as(samples.get(i).file()).isEqualTo(samples.get(i).severity());
        }
    }

    @Test
    void runsTheGeneratedSearchInTheGivenDatabaseWorkgroupAndResultLocation() {
        queueResult(List.of());

        RootActivityRecords found = new AthenaSearch(athena, TABLE, PLACEMENT, QUICK).search(NOVEMBER);

        QueryExecution execution = athena.getQueryExecution(b -> b.queryExecutionId(found.summary().queryExecutionId()))
                .queryExecution();
        assertThat(execution.query()).isEqualTo(RootActivitySearchSql.select(TABLE, NOVEMBER)).isEqualTo(found.sql());
        assertThat(execution.queryExecutionContext().database()).isEqualTo("default");
        assertThat(execution.workGroup()).isEqualTo("primary");
        assertThat(found.summary().outputLocation()).hasValueSatisfying(location ->
                assertThat(location).startsWith("s3://rootwatch-athena-results/scan/"));
        assertThat(found.summary().dataScannedBytes()).isEqualTo(execution.statistics().dataScannedInBytes());
    }

    @Test
    void findsNothingInAnEmptyResult() {
        assertThat(new AthenaSearch(athena, TABLE, PLACEMENT, QUICK).search(NOVEMBER).records()).isEmpty();
    }

    @Test
    void readsAResultOfSeveralPagesOnePageAtATimeAsTheStreamIsRead() throws Exception {
        List<JsonNode> many = numbered(2_500);
        queueResult(many);
        try (AthenaStandIn standIn = new AthenaStandIn(MOTO.endpoint());
             AthenaClient paged = clientFor(standIn.endpoint())) {
            RootActivityRecords found = new AthenaSearch(paged, TABLE, PLACEMENT, QUICK).search(NOVEMBER);
            assertThat(standIn.resultPages()).as("pages read before the stream is").isEqualTo(1);

            List<String> eventIds = found.records().map(record -> read(record).path("eventID").asText()).toList();

            assertThat(standIn.resultPages()).isEqualTo(3);
            assertThat(eventIds).hasSize(2_500).doesNotHaveDuplicates()
                    .containsExactlyElementsOf(many.stream().map(r -> r.path("eventID").asText()).toList());
        }
    }

    @Test
    void reportsAFailedQueryWithAthenasStateChangeReason() throws Exception {
        String reason = "COLUMN_NOT_FOUND: line 20:3: Column 'useridentity.sessioncontext.assumedroot' cannot be resolved";
        try (AthenaStandIn standIn = new AthenaStandIn(MOTO.endpoint());
             AthenaClient failing = clientFor(standIn.endpoint())) {
            standIn.failQueriesWith(reason);

            assertThatExceptionOfType(AthenaQueryException.class)
                    .isThrownBy(() -> new AthenaSearch(failing, TABLE, PLACEMENT, QUICK).search(NOVEMBER))
                    .satisfies(failure -> assertThat(failure.state()).isEqualTo("FAILED"))
                    .withMessageMatching("Athena query [0-9a-f-]{36} FAILED: .*")
                    .withMessageContaining(reason)
                    .withMessageContaining("error type 1006");
        }
    }

    @Test
    void reportsAQueryCancelledWhileItWasWaitedFor() throws Exception {
        queriesStayQueued();
        AthenaQueryRunner runner = new AthenaQueryRunner(athena, PLACEMENT, QUICK);
        String id = runner.start(RootActivitySearchSql.select(TABLE, NOVEMBER));

        athena.stopQueryExecution(b -> b.queryExecutionId(id));

        assertThatExceptionOfType(AthenaQueryException.class).isThrownBy(() -> runner.await(id))
                .satisfies(failure -> assertThat(failure.state()).isEqualTo("CANCELLED"))
                .satisfies(failure -> assertThat(failure.queryExecutionId()).isEqualTo(id));
    }

    @Test
    void stopsAQueryThatHasNotEndedWhenItGivesUpWaiting() throws Exception {
        queriesStayQueued();
        AthenaQueryRunner.Polling impatient = new AthenaQueryRunner.Polling(Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofMillis(200));

        AthenaQueryException timedOut = org.junit.jupiter.api.Assertions.assertThrows(AthenaQueryException.class,
                () -> new AthenaQueryRunner(athena, PLACEMENT, impatient).run(RootActivitySearchSql.select(TABLE, NOVEMBER)));

        assertThat(timedOut.state()).isEqualTo("TIMED_OUT");
        assertThat(athena.getQueryExecution(b -> b.queryExecutionId(timedOut.queryExecutionId())).queryExecution().status().state())
                .isEqualTo(QueryExecutionState.CANCELLED);
    }

    @Test
    void createsTheDatabaseThenTheTableOverTheTrail() {
        AthenaTable table = new AthenaTable("security", "org_trail");
        TableCreation creation = new TableCreation(TrailLocation.parse("s3://org-trail-logs", Optional.of("o-a1b2c3d4e5")),
                new TableProjection(Set.of("111122223333"), Set.of("us-east-1"), LocalDate.of(2025, 1, 1)));

        QuerySummary created = new AthenaSearch(athena, table, new AthenaQueryRunner.Placement("security", "primary",
                Optional.empty()), QUICK).createTable(creation);

        assertThat(athena.getDatabase(b -> b.catalogName("AwsDataCatalog").databaseName("security")).database().name())
                .isEqualTo("security");
        QueryExecution ddl = athena.getQueryExecution(b -> b.queryExecutionId(created.queryExecutionId())).queryExecution();
        assertThat(ddl.query()).isEqualTo(CloudTrailTableDdl.createTable(table, creation.trail(), creation.projection()));
        assertThat(ddl.statementTypeAsString()).isEqualTo("DDL");
    }

    @Test
    void createsTheTableOfASingleAccountTrailForTheAccountStsSaysTheCallerIsIn() {
        AthenaOptions options = new AthenaOptions();
        new CommandLine(new Object() {
            @CommandLine.Mixin
            final AthenaOptions athena = options;
        }).parseArgs("--athena", "--create-table", "s3://trail-bucket", "--create-table-regions", "us-east-1");

        TableCreation creation = options.tableCreation(MotoAws.options(MOTO)).orElseThrow();

        assertThat(creation.projection().accounts()).containsExactly("123456789012");
    }

    @Test
    void leavesTheDefaultDatabaseAloneWhenCreatingATableInIt() {
        TableCreation creation = new TableCreation(TrailLocation.parse("s3://trail-bucket", Optional.empty()),
                new TableProjection(Set.of("111122223333"), Set.of("us-east-1"), LocalDate.of(2025, 1, 1)));

        new AthenaSearch(athena, TABLE, PLACEMENT, QUICK).createTable(creation);

        assertThat(athena.listQueryExecutions(b -> b.workGroup("primary")).queryExecutionIds()).singleElement()
                .satisfies(id -> assertThat(athena.getQueryExecution(b -> b.queryExecutionId(id)).queryExecution().query())
                        .startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS `default`.`rootwatch_cloudtrail`"));
    }

    @Test
    void refusesAResultWhoseColumnsAreNotTheSearchs() {
        List<JsonNode> none = List.of();
        queueRows(List.of(List.of(Optional.of("eventid"), Optional.of("eventname"))), none);

        assertThatIllegalStateException()
                .isThrownBy(() -> new AthenaSearch(athena, TABLE, PLACEMENT, QUICK).search(NOVEMBER))
                .withMessageContaining("does not have the search's columns");
    }

    /** Root samples, repeated with a distinct eventID each, as a result larger than one page. */
    private static List<JsonNode> numbered(int count) {
        List<Sample> samples = EventSamples.all().stream().filter(Sample::isRootActivity).toList();
        List<JsonNode> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode record = samples.get(i % samples.size()).record().deepCopy();
            record.put("eventID", "event-%05d".formatted(i));
            records.add(record);
        }
        return records;
    }

    private static JsonNode read(String json) {
        try {
            return AthenaRows.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static AthenaClient clientFor(URI endpoint) {
        AwsOptions options = new AwsOptions();
        new CommandLine(options).parseArgs("--region", "us-east-1", "--endpoint-url", endpoint.toString());
        return options.athena();
    }

    /** Queues, for the next query, Athena's result for these records: the header row, then one row each. */
    private static void queueResult(List<JsonNode> records) {
        queueRows(List.of(AthenaRows.header()), records);
    }

    private static void queueRows(List<List<Optional<String>>> firstRows, List<JsonNode> records) {
        AthenaRows.queueResult(MOTO, firstRows, records);
    }

    /** Queries stay QUEUED until a thousand GetQueryExecution calls (moto's manual state progression). */
    private static void queriesStayQueued() {
        motoApi("/moto-api/state-manager/set-transition",
                "{\"model_name\":\"athena::execution\",\"transition\":{\"progression\":\"manual\",\"times\":1000}}");
    }

    private static void motoApi(String path, String json) {
        AthenaRows.motoApi(MOTO, path, json);
    }
}
