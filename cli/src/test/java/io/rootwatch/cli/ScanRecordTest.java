package io.rootwatch.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.rootwatch.detect.Category;
import io.rootwatch.detect.Severity;
import io.rootwatch.lambda.Outcome;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.EventSamples;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rootwatch scan --record writes what it finds into the audit table through the detector's own
 * processor, against moto_server's DynamoDB and SNS: once per event, silently unless --alert.
 */
@DummyCredentials
class ScanRecordTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    @TempDir
    Path temp;

    private DetectorFixture table;

    @BeforeEach
    void auditTableAndTopic() throws IOException {
        table = new DetectorFixture(MOTO);
    }

    @Test
    void recordingTheSameArchiveTwiceLeavesTheSameItems() {
        Path archive = TrailArchive.withoutDecoys().writeTo(temp);

        Rootwatch.Run first = record(archive);
        List<Map<String, AttributeValue>> afterFirst = table.allEvents();
        Rootwatch.Run second = record(archive);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(afterFirst).hasSize((int) TrailArchive.rootSamples());
        assertThat(new HashSet<>(table.allEvents())).isEqualTo(new HashSet<>(afterFirst));
        assertThat(first.errLines().getLast()).contains("recorded " + TrailArchive.rootSamples() + " new events, 0 already in the audit table; 0 alerts sent");
        assertThat(second.errLines().getLast()).contains("recorded 0 new events, " + TrailArchive.rootSamples() + " already in the audit table; 0 alerts sent");
    }

    @Test
    void backfilledRootActivityIsMarkedAsSuchAndNobodyIsPaged() {
        Path archive = TrailArchive.withoutDecoys().writeTo(temp);

        record(archive);

        assertThat(table.allEvents()).allSatisfy(item -> {
            boolean serviceEvent = item.get("category").s().equals(Category.ROOT_SERVICE_EVENT.name());
            assertThat(item.get("alertState").s()).isEqualTo(serviceEvent ? "NOT_ALERTED" : "BACKFILLED");
        });
        assertThat(table.inbox.notifications()).isEmpty();
    }

    /**
     * Root events that each page on their own (HIGH or worse, not sign-in failures, which page as a
     * burst): the one the detector already handled live is left as it was; every other is recorded
     * and alerted once.
     */
    @Test
    void withAlertEachNewRootEventIsAlertedOnceAndOneRecordedLiveIsNeitherDuplicatedNorAlertedAgain() throws Exception {
        List<EventSamples.Sample> paging = EventSamples.all().stream()
                .filter(s -> s.severity().isAtLeast(Severity.HIGH))
                .filter(s -> s.category() != Category.ROOT_SIGN_IN_FAILURE && s.category() != Category.ROOT_SERVICE_EVENT)
                .limit(8).toList();
        ArrayNode records = JsonNodeFactory.instance.arrayNode();
        paging.forEach(sample -> records.add(sample.record()));
        Path file = temp.resolve("AWSLogs/111122223333/CloudTrail/us-east-1/2025/01/30/111122223333_CloudTrail_us-east-1_20250130T1205Z_abc.json.gz");
        Files.createDirectories(file.getParent());
        Files.write(file, TrailArchive.gzip(TrailArchive.bytes(JsonNodeFactory.instance.objectNode().set("Records", records))));
        EventSamples.Sample live = paging.getFirst();
        assertThat(table.detector().process(DetectorFixture.sample(live.file())))
                .singleElement().extracting(p -> p.outcome()).isEqualTo(Outcome.ALERTED);
        Map<String, AttributeValue> recordedLive = table.event(live.eventId()).orElseThrow();
        assertThat(table.inbox.notifications()).hasSize(1);

        Rootwatch.Run run = Rootwatch.run(Stream.concat(Stream.of("scan", temp.toString(), "--record", "--alert",
                "--table", DetectorFixture.TABLE, "--topic", table.topicArn), awsArguments()).toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.errLines().getLast()).contains("recorded " + (paging.size() - 1) + " new events, 1 already in the audit table; "
                + (paging.size() - 1) + " alerts sent");
        assertThat(table.allEvents()).hasSize(paging.size());
        assertThat(table.event(live.eventId())).contains(recordedLive);
        assertThat(table.inbox.notifications()).hasSize(paging.size());
        assertThat(table.allEvents()).allSatisfy(item -> assertThat(item.get("alertState").s()).isEqualTo("SENT"));
    }

    @Test
    void withoutTableOrTopicBothComeFromTheCentralStacksOutputs() throws Exception {
        String template = """
                {"Resources": {"Placeholder": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "placeholder"}}},
                 "Outputs": {"AuditTableName": {"Value": "%s"}, "AlertTopicArn": {"Value": "%s"}}}""".formatted(DetectorFixture.TABLE, table.topicArn);
        try (var cloudFormation = ScanCommandTest.motoAws(MOTO).cloudFormation()) {
            cloudFormation.createStack(b -> b.stackName("Rootwatch").templateBody(template));
        }
        EventSamples.Sample sample = EventSamples.all().stream().filter(s -> s.file().equals("credential-root-create-access-key.json"))
                .findFirst().orElseThrow();
        Path file = temp.resolve("111122223333_CloudTrail_us-east-1_20250130T1205Z_abc.json.gz");
        Files.write(file, TrailArchive.gzip(TrailArchive.bytes(JsonNodeFactory.instance.objectNode()
                .set("Records", JsonNodeFactory.instance.arrayNode().add(sample.record())))));

        Rootwatch.Run run = Rootwatch.run(Stream.concat(Stream.of("scan", temp.toString(), "--record", "--alert"), awsArguments())
                .toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(table.event(sample.eventId())).isPresent();
        assertThat(table.inbox.notifications()).hasSize(1);
    }

    @Test
    void aTableThatCannotBeWrittenStopsTheScanWithExitStatusThree() {
        Path archive = TrailArchive.withoutDecoys().writeTo(temp);

        Rootwatch.Run run = Rootwatch.run(Stream.concat(Stream.of("scan", archive.toString(), "--record", "--table", "no-such-table"),
                awsArguments()).toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("rootwatch scan: stopped:").contains("before stopping:");
    }

    @Test
    void backfilledItemsExpireAfterTheGivenRetentionCountedFromTheEventTime() {
        Path archive = TrailArchive.withoutDecoys().writeTo(temp);

        Rootwatch.Run run = record(archive, "--retention-days", "30");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(table.allEvents()).isNotEmpty().allSatisfy(item -> {
            long eventTime = java.time.Instant.parse(item.get("eventTime").s()).getEpochSecond();
            assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(eventTime + 30 * 86_400);
        });
    }

    @Test
    void backfilledItemsWithRetentionZeroNeverExpire() {
        Path archive = TrailArchive.withoutDecoys().writeTo(temp);

        Rootwatch.Run run = record(archive, "--retention-days", "0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(table.allEvents()).isNotEmpty().allSatisfy(item -> assertThat(item).doesNotContainKey("expiresAt"));
    }

    private Rootwatch.Run record(Path archive, String... options) {
        return Rootwatch.run(Stream.of(Stream.of("scan", archive.toString(), "--record", "--table", DetectorFixture.TABLE,
                "--account", TrailArchive.ACCOUNT, "--region", "us-east-1", "--until", "2025-01-30"), Stream.of(options), awsArguments())
                .flatMap(s -> s).toArray(String[]::new));
    }

    private static Stream<String> awsArguments() {
        return Stream.of("--aws-region", "us-east-1", "--endpoint-url", MOTO.endpoint().toString());
    }
}
