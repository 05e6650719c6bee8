package io.rootwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.testing.EventSamples;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/**
 * A CloudTrail archive in the AWSLogs layout built from events-samples: two accounts (the second
 * under an organization trail's {@code o-...} level), two regions, three delivery days across a
 * month's end. Each log file holds every sample's record once, with an eventID of its own, so
 * which events are root activity, and in which file, is known from expected.tsv. Next to each
 * log file: a CloudTrail-Digest file, and optionally a decoy, a log file named like CloudTrail's
 * that is truncated gzip: a scan reports any decoy it reads, so the decoys reported tell exactly which
 * files the scan opened.
 */
final class TrailArchive {
    static final String ACCOUNT = "111122223333";
    static final String ORG_ACCOUNT = "444455556666";
    static final String ORG = "o-a1b2c3d4e5";
    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
    static final List<LocalDate> DAYS = List.of(LocalDate.parse("2025-01-30"), LocalDate.parse("2025-01-31"), LocalDate.parse("2025-02-01"));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Where a log file lies: its account, region and delivery day. */
    record Partition(String account, String region, LocalDate day) {
        String directory() {
            String org = account.equals(ORG_ACCOUNT) ? ORG + "/" : "";
            return "AWSLogs/" + org + account + "/CloudTrail/" + region + "/" + day.toString().replace('-', '/') + "/";
        }

        String logFile() {
            return directory() + account + "_CloudTrail_" + region + "_" + day.toString().replace("-", "") + "T1205Z_" + "a1B2c3D4e5F6g7H8.json.gz";
        }

        String decoy() {
            return directory() + account + "_CloudTrail_" + region + "_" + day.toString().replace("-", "") + "T1210Z_" + "decoy0000000000.json.gz";
        }

        String digest() {
            String org = account.equals(ORG_ACCOUNT) ? ORG + "/" : "";
            return "AWSLogs/" + org + account + "/CloudTrail-Digest/" + region + "/" + day.toString().replace('-', '/') + "/"
                    + account + "_CloudTrail-Digest_" + region + "_trail_" + region + "_" + day.toString().replace("-", "") + "T1300Z.json.gz";
        }

        String eventIdSuffix() {
            return "-" + account + "-" + region + "-" + day;
        }
    }

    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, Partition> rootEvents = new LinkedHashMap<>();
    private final Map<String, String> expectedCategories = new LinkedHashMap<>();

    private TrailArchive(boolean decoys) {
        for (Partition partition : partitions()) {
            ArrayNode records = MAPPER.createArrayNode();
            for (EventSamples.Sample sample : EventSamples.all()) {
                ObjectNode record = (ObjectNode) sample.record().deepCopy();
                String eventId = sample.eventId() + partition.eventIdSuffix();
                record.put("eventID", eventId);
                records.add(record);
                if (sample.isRootActivity()) {
                    rootEvents.put(eventId, partition);
                    expectedCategories.put(eventId, sample.category().name());
                }
            }
            ObjectNode logFile = MAPPER.createObjectNode();
            logFile.set("Records", records);
            byte[] compressed = gzip(bytes(logFile));
            files.put(partition.logFile(), compressed);
            files.put(partition.digest(), "not gzip: a digest must never be read".getBytes());
            if (decoys) {
                files.put(partition.decoy(), java.util.Arrays.copyOf(compressed, compressed.length / 2));
            }
        }
    }

    static TrailArchive withoutDecoys() {
        return new TrailArchive(false);
    }

    static TrailArchive withDecoys() {
        return new TrailArchive(true);
    }

    static List<Partition> partitions() {
        List<Partition> partitions = new ArrayList<>();
        for (String account : List.of(ACCOUNT, ORG_ACCOUNT)) {
            for (String region : REGIONS) {
                for (LocalDate day : DAYS) {
                    partitions.add(new Partition(account, region, day));
                }
            }
        }
        return partitions;
    }

    void put(String relative, byte[] content) {
        files.put(relative, content);
    }

    Path writeTo(Path directory) {
        files.forEach((relative, content) -> {
            Path file = directory.resolve(relative);
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return directory;
    }

    void uploadTo(S3Client s3, String bucket) {
        s3.createBucket(b -> b.bucket(bucket));
        files.forEach((key, content) -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content)));
    }

    /** The eventIDs of the root events in the partitions that pass. */
    Set<String> rootEventIds(Predicate<Partition> admitted) {
        return rootEvents.entrySet().stream().filter(e -> admitted.test(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    Set<String> rootEventIds() {
        return rootEventIds(partition -> true);
    }

    /** expected.tsv's category for a root event of the archive. */
    String expectedCategory(String eventId) {
        return expectedCategories.get(eventId);
    }

    static long rootSamples() {
        return EventSamples.all().stream().filter(EventSamples.Sample::isRootActivity).count();
    }

    static byte[] bytes(Object json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
