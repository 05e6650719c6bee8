package io.rootwatch.cli.scan;

import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.util.function.Supplier;

/** The archive a command-line location names: {@code s3://bucket/prefix}, or a local path. */
public final class ArchiveSources {
    private ArchiveSources() {
    }

    /** {@code s3} is called only for an S3 location: a local scan needs no AWS region or credentials. */
    public static ArchiveSource of(String location, Supplier<S3Client> s3) {
        if (location.startsWith(S3Archive.SCHEME)) {
            return S3Archive.parse(location, s3.get())
                    .orElseThrow(() -> new IllegalArgumentException(location + ": an S3 location is s3://BUCKET/PREFIX"));
        }
        return new LocalArchive(Path.of(location));
    }
}
