package io.rootwatch.cli.input;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.zip.GZIPInputStream;

/**
 * Reads an input into JSON documents. Gzip is recognised by its magic bytes, not by the file name,
 * because CloudTrail delivers {@code .json.gz} files and people rename them. No input can make it
 * throw: whatever goes wrong becomes a {@link Problem}.
 */
public final class InputReader {
    private static final int GZIP_MAGIC_FIRST = 0x1f;
    private static final int GZIP_MAGIC_SECOND = 0x8b;

    private final InputStream stdin;

    public InputReader(InputStream stdin) {
        this.stdin = stdin;
    }

    public InputContents read(Input input) {
        byte[] raw;
        try {
            raw = switch (input) {
                case Input.FromFile file -> Files.readAllBytes(file.path());
                case Input.FromStdin ignored -> stdin.readAllBytes();
            };
        } catch (IOException e) {
            return InputContents.failed(Problem.in(input.name(), "cannot read: " + describe(e)));
        }
        if (!isGzip(raw)) {
            return JsonDocuments.parse(input.name(), raw);
        }
        try (var gzip = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return JsonDocuments.parse(input.name(), gzip.readAllBytes());
        } catch (EOFException e) {
            return InputContents.failed(Problem.in(input.name(), "truncated gzip data: the compressed stream ends early"));
        } catch (IOException e) {
            return InputContents.failed(Problem.in(input.name(), "corrupt gzip data: " + describe(e)));
        }
    }

    /**
     * Parses JSON already read and decompressed, named {@code input} in any problem: for readers
     * that fetch bytes their own way (from S3, say) and want the same documents and messages.
     */
    public static InputContents parse(String input, byte[] json) {
        return JsonDocuments.parse(input, json);
    }

    private static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == GZIP_MAGIC_FIRST && (bytes[1] & 0xff) == GZIP_MAGIC_SECOND;
    }

    /** An I/O failure in words, without the exception class names Java would print. */
    static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException ignored -> "no such file or directory";
            case AccessDeniedException ignored -> "permission denied";
            case FileSystemException fileSystem when fileSystem.getReason() != null -> fileSystem.getReason();
            default -> e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
