package io.rootwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.cli.aws.AwsOptions;
import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** rootwatch scan over a CloudTrail archive on disk and in moto_server's S3: what it finds, what it reads, what it reports. */
@DummyCredentials
class ScanCommandTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private static final String BUCKET = "org-trail";

    enum Location { LOCAL, S3 }

    @TempDir
    Path temp;

    @BeforeEach
    void freshMoto() throws IOException {
        MOTO.reset();
    }

    @ParameterizedTest
    @EnumSource(Location.class)
    void findsExactlyTheRootEventsTheArchiveHolds(Location where) {
        TrailArchive archive = TrailArchive.withoutDecoys();

        Rootwatch.Run run = scan(where, archive, "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> found = run.jsonLines();
        assertThat(found.stream().map(line -> line.path("eventId").asText())).containsExactlyInAnyOrderElementsOf(archive.rootEventIds());
        assertThat(found).allSatisfy(line ->
                assertThat(line.path("category").asText()).isEqualTo(archive.expectedCategory(line.path("eventId").asText())));
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("rootwatch scan: 12 files, ").contains(String.format("%,d root events", archive.rootEventIds().size()));
    }

    @ParameterizedTest
    @EnumSource(Location.class)
    void eachRootEventIsPrintedWithTheFileItCameFrom(Location where) {
        TrailArchive archive = TrailArchive.withoutDecoys();

        Rootwatch.Run run = scan(where, archive, "--json");

        assertThat(run.jsonLines()).allSatisfy(line -> {
            TrailArchive.Partition partition = TrailArchive.partitions().stream()
                    .filter(p -> line.path("eventId").asText().endsWith(p.eventIdSuffix())).findFirst().orElseThrow();
            assertThat(line.path("input").asText()).endsWith(partition.logFile());
        });
    }

    static Stream<Arguments> pruningOptions() {
        List<Arguments> cases = new ArrayList<>();
        for (Location where : Location.values()) {
            cases.add(Arguments.of(where, List.of("--account", TrailArchive.ACCOUNT), admits(p -> p.account().equals(TrailArchive.ACCOUNT))));
            cases.add(Arguments.of(where, List.of("--account", TrailArchive.ORG_ACCOUNT, "--account", TrailArchive.ACCOUNT), admits(p -> true)));
            cases.add(Arguments.of(where, List.of("--region", "eu-west-1"), admits(p -> p.region().equals("eu-west-1"))));
            cases.add(Arguments.of(where, List.of("--since", "2025-01-31"), admits(p -> !p.day().isBefore(LocalDate.parse("2025-01-31")))));
            cases.add(Arguments.of(where, List.of("--since", "2025-02-01"), admits(p -> p.day().equals(LocalDate.parse("2025-02-01")))));
            cases.add(Arguments.of(where, List.of("--until", "2025-01-30"), admits(p -> p.day().equals(LocalDate.parse("2025-01-30")))));
            cases.add(Arguments.of(where, List.of("--since", "2025-01-31", "--until", "2025-01-31"),
                    admits(p -> p.day().equals(LocalDate.parse("2025-01-31")))));
            cases.add(Arguments.of(where, List.of("--account", TrailArchive.ORG_ACCOUNT, "--region", "us-east-1", "--until", "2025-01-31"),
                    admits(p -> p.account().equals(TrailArchive.ORG_ACCOUNT) && p.region().equals("us-east-1")
                            && !p.day().isAfter(LocalDate.parse("2025-01-31")))));
        }
        return cases.stream();
    }

    /**
     * Every partition holds a decoy, a corrupt file named like a log file, that the scan reports if
     * it reads it: the decoys reported are exactly the admitted partitions', so nothing ruled out
     * was read, and the root events are exactly the admitted partitions'.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pruningOptions")
    void pruningOptionsReadOnlyTheAdmittedPartitions(Location where, List<String> options, Predicate<TrailArchive.Partition> admitted) {
        TrailArchive archive = TrailArchive.withDecoys();

        Rootwatch.Run run = scan(where, archive, concat(List.of("--json"), options));

        assertThat(run.jsonLines().stream().map(line -> line.path("eventId").asText()))
                .containsExactlyInAnyOrderElementsOf(archive.rootEventIds(admitted));
        Set<String> decoysRead = run.errLines().stream().filter(line -> line.contains("decoy"))
                .map(line -> line.substring(line.indexOf("AWSLogs/"), line.indexOf(": "))).collect(Collectors.toSet());
        assertThat(decoysRead).isEqualTo(TrailArchive.partitions().stream().filter(admitted)
                .map(TrailArchive.Partition::decoy).collect(Collectors.toSet()));
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void sinceInDaysCountsBackFromToday() {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        TrailArchive.Partition recent = new TrailArchive.Partition(TrailArchive.ACCOUNT, "us-east-1", today.minusDays(1));
        TrailArchive.Partition old = new TrailArchive.Partition(TrailArchive.ACCOUNT, "us-east-1", today.minusDays(40));
        TrailArchive archive = TrailArchive.withoutDecoys();
        archive.put(recent.decoy(), "not gzip".getBytes(StandardCharsets.UTF_8));
        archive.put(old.decoy(), "not gzip".getBytes(StandardCharsets.UTF_8));

        Rootwatch.Run run = scan(Location.LOCAL, archive, "--since", "30d");

        assertThat(run.err()).contains(recent.decoy()).doesNotContain(old.decoy());
        assertThat(run.out()).isEqualTo("No root activity found.\n");
    }

    @ParameterizedTest
    @EnumSource(Location.class)
    void corruptGzipAndNonCloudTrailJsonAreReportedByPathAndTheRestIsScanned(Location where) {
        TrailArchive archive = TrailArchive.withoutDecoys();
        TrailArchive.Partition partition = TrailArchive.partitions().getFirst();
        String corrupt = partition.directory() + TrailArchive.ACCOUNT + "_CloudTrail_us-east-1_20250130T1215Z_corruptgzip00000.json.gz";
        byte[] valid = TrailArchive.gzip("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8));
        byte[] broken = Arrays.copyOf(valid, valid.length);
        Arrays.fill(broken, 10, broken.length - 8, (byte) 0x55);
        archive.put(corrupt, broken);
        String notCloudTrail = partition.directory() + "inventory.json.gz";
        archive.put(notCloudTrail, TrailArchive.gzip("{\"bucket\":\"x\",\"objects\":3}".getBytes(StandardCharsets.UTF_8)));
        String cut = partition.directory() + TrailArchive.ACCOUNT + "_CloudTrail_us-east-1_20250130T1220Z_cutafterroot000.json.gz";
        String cutJson = "{\"Records\":[{\"eventID\":\"root-before-the-cut\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"ListUsers\","
                + "\"userIdentity\":{\"type\":\"Root\",\"accountId\":\"111122223333\"}},{\"eventID\":\"after\",\"userIdent";
        archive.put(cut, TrailArchive.gzip(cutJson.getBytes(StandardCharsets.UTF_8)));

        Rootwatch.Run run = scan(where, archive, "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).anySatisfy(line -> assertThat(line).contains(corrupt + ": corrupt gzip data"))
                .anySatisfy(line -> assertThat(line).contains(notCloudTrail + ": not a CloudTrail record"))
                .anySatisfy(line -> assertThat(line).contains(cut + ": not valid CloudTrail JSON after Records[0]"));
        assertThat(run.errLines().getLast()).contains("3 unreadable input(s)");
        assertThat(run.jsonLines().stream().map(line -> line.path("eventId").asText()))
                .containsExactlyInAnyOrderElementsOf(concat(List.copyOf(archive.rootEventIds()), List.of("root-before-the-cut")));
    }

    @Test
    void aSingleLogFileIsScannedWhateverItsName() {
        TrailArchive archive = TrailArchive.withoutDecoys();
        TrailArchive.Partition partition = TrailArchive.partitions().get(4);
        Path file = archive.writeTo(temp).resolve(partition.logFile());
        Path renamed = file.resolveSibling("copy.gz");
        file.toFile().renameTo(renamed.toFile());

        Rootwatch.Run run = Rootwatch.run("scan", "--json", renamed.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.jsonLines()).hasSize((int) TrailArchive.rootSamples())
                .allSatisfy(line -> assertThat(line.path("eventId").asText()).endsWith(partition.eventIdSuffix()));
    }

    @Test
    void pipedStandardErrorGetsTheSummaryLineButNoProgress() {
        Path archive = TrailArchive.withoutDecoys().writeTo(temp);

        Rootwatch.Run run = Rootwatch.run("scan", archive.toString());

        assertThat(run.err()).doesNotContain("\r", "scanning:");
        assertThat(run.errLines()).singleElement().asString().startsWith("rootwatch scan: ");
    }

    @Test
    void aMissingPathIsReportedAndExitsOne() {
        Rootwatch.Run run = Rootwatch.run("scan", temp.resolve("nowhere").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nowhere: no such file or directory");
    }

    @Test
    void aBucketThatDoesNotExistIsReportedAndExitsOne() {
        Rootwatch.Run run = Rootwatch.run("scan", "s3://no-such-bucket/AWSLogs/", "--aws-region", "us-east-1",
                "--endpoint-url", MOTO.endpoint().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("s3://no-such-bucket/AWSLogs/: cannot list:");
    }

    /** The table is the default output. Golden file: one partition's log file, every root sample once, in the file's order. */
    @Test
    void theTableMatchesItsGoldenFile() throws Exception {
        TrailArchive archive = TrailArchive.withoutDecoys();

        Rootwatch.Run run = scan(Location.LOCAL, archive, "--account", TrailArchive.ACCOUNT, "--region", "us-east-1",
                "--since", "2025-01-30", "--until", "2025-01-30");

        assertThat(run.out()).isEqualTo(java.nio.file.Files.readString(Rootwatch.resource("scan/table.txt")));
    }

    @Test
    void badDatesAndAlertWithoutRecordAreUsageErrors() {
        assertThat(Rootwatch.run("scan", temp.toString(), "--since", "yesterday").exitCode()).isEqualTo(2);
        assertThat(Rootwatch.run("scan", temp.toString(), "--since", "2025-02-01", "--until", "2025-01-01").exitCode()).isEqualTo(2);
        assertThat(Rootwatch.run("scan", temp.toString(), "--account", "12345").exitCode()).isEqualTo(2);
        assertThat(Rootwatch.run("scan", temp.toString(), "--alert").exitCode()).isEqualTo(2);
    }

    private Rootwatch.Run scan(Location where, TrailArchive archive, String... options) {
        return scan(where, archive, List.of(options));
    }

    private Rootwatch.Run scan(Location where, TrailArchive archive, List<String> options) {
        List<String> args = new ArrayList<>(List.of("scan"));
        switch (where) {
            case LOCAL -> args.add(archive.writeTo(temp).toString());
            case S3 -> {
                try (S3Client s3 = motoAws(MOTO).s3()) {
                    archive.uploadTo(s3, BUCKET);
                }
                args.addAll(List.of("s3://" + BUCKET + "/", "--aws-region", "us-east-1", "--endpoint-url", MOTO.endpoint().toString()));
            }
        }
        args.addAll(options);
        return Rootwatch.run(args.toArray(String[]::new));
    }

    /** What {@code --aws-region us-east-1 --endpoint-url <moto>} gives the command, for setting up state. */
    static AwsOptions motoAws(MotoServer moto) {
        return AwsOptions.of(Optional.of("us-east-1"), Optional.empty(), Optional.of(moto.endpoint()));
    }

    private static Predicate<TrailArchive.Partition> admits(Predicate<TrailArchive.Partition> predicate) {
        return predicate;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
