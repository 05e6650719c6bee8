package io.rootwatch.cli.scan;

import io.rootwatch.cli.input.Problem;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A CloudTrail archive in S3. Above the regions, listed level by level with the {@code /}
 * delimiter so that accounts, regions and CloudTrail's other products the filter rules out are
 * never listed; in a region, one flat listing that starts after the first day to read
 * ({@code StartAfter}) and stops at the first key past the last.
 */
record S3Archive(S3Client s3, String bucket, String prefix) implements ArchiveSource {
    static final String SCHEME = "s3://";

    /** {@code s3://bucket/prefix}, the prefix possibly empty. */
    static Optional<S3Archive> parse(String location, S3Client s3) {
        if (!location.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String rest = location.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        return bucket.isEmpty() ? Optional.empty() : Optional.of(new S3Archive(s3, bucket, prefix));
    }

    @Override
    public void list(ScanFilter filter, Consumer<LogFile> files, Consumer<Problem> problems) {
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            // A key given in full is read whatever its name, like a local file named on the command line.
            try {
                var head = s3.headObject(b -> b.bucket(bucket).key(prefix));
                files.accept(new LogFile(SCHEME + bucket + "/" + prefix, head.contentLength()));
                return;
            } catch (SdkException notAnObject) {
                // A partial prefix such as AWSLogs/1111: listed below.
            }
        }
        listLevel(prefix, filter, files, problems);
    }

    private void listLevel(String levelPrefix, ScanFilter filter, Consumer<LogFile> files, Consumer<Problem> problems) {
        List<String> directories = directories(levelPrefix);
        if (levelPrefix.endsWith("/") && ScanFilter.isRegionDirectory(directories)) {
            listRegion(levelPrefix, filter, files, problems);
            return;
        }
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(levelPrefix).delimiter("/").build();
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request)) {
                for (S3Object object : page.contents()) {
                    if (filter.admitsFile(name(object.key()))) {
                        files.accept(logFile(object));
                    }
                }
                for (CommonPrefix common : page.commonPrefixes()) {
                    if (filter.admitsDirectory(directories(common.prefix()))) {
                        listLevel(common.prefix(), filter, files, problems);
                    }
                }
            }
        } catch (SdkException e) {
            problems.accept(Problem.in(SCHEME + bucket + "/" + levelPrefix, "cannot list: " + e.getMessage()));
        }
    }

    private void listRegion(String regionPrefix, ScanFilter filter, Consumer<LogFile> files, Consumer<Problem> problems) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(regionPrefix);
        // "…/us-east-1/2025/01/15" sorts before every key of that day and after every key of the days before.
        filter.firstDayPath().ifPresent(day -> request.startAfter(regionPrefix + day));
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request.build())) {
                for (S3Object object : page.contents()) {
                    String below = object.key().substring(regionPrefix.length());
                    if (below.length() >= 10 && filter.isAfterLastDay(below.substring(0, 10))) {
                        return;
                    }
                    List<String> directories = directories(object.key());
                    if (filter.admitsDirectory(directories) && filter.admitsFile(name(object.key()))) {
                        files.accept(logFile(object));
                    }
                }
            }
        } catch (SdkException e) {
            problems.accept(Problem.in(SCHEME + bucket + "/" + regionPrefix, "cannot list: " + e.getMessage()));
        }
    }

    private LogFile logFile(S3Object object) {
        return new LogFile(SCHEME + bucket + "/" + object.key(), object.size() == null ? 0 : object.size());
    }

    @Override
    public InputStream open(LogFile file) {
        String key = file.name().substring(SCHEME.length() + bucket.length() + 1);
        return s3.getObject(b -> b.bucket(bucket).key(key));
    }

    @Override
    public void close() {
        s3.close();
    }

    /** The complete directory names of a key or prefix: everything before its last {@code /}. */
    private static List<String> directories(String keyOrPrefix) {
        int last = keyOrPrefix.lastIndexOf('/');
        return last < 0 ? List.of() : Arrays.asList(keyOrPrefix.substring(0, last).split("/", -1));
    }

    private static String name(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
