package io.rootwatch.cli.scan;

/**
 * One file of an archive: its name as the user would write it ({@code s3://bucket/key} or a local
 * path) and its size as stored, compressed.
 */
public record LogFile(String name, long storedBytes) {
}
