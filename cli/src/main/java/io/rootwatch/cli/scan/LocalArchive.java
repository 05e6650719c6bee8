package io.rootwatch.cli.scan;

import io.rootwatch.cli.input.Problem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A CloudTrail archive on disk: a single file (read whatever its name, since the user named it),
 * or a directory walked in name order, entering only the directories the filter admits.
 */
record LocalArchive(Path root) implements ArchiveSource {

    @Override
    public void list(ScanFilter filter, Consumer<LogFile> files, Consumer<Problem> problems) {
        if (Files.isRegularFile(root)) {
            files.accept(logFile(root));
            return;
        }
        if (!Files.isDirectory(root)) {
            problems.accept(Problem.in(root.toString(), Files.exists(root) ? "neither a file nor a directory" : "no such file or directory"));
            return;
        }
        walk(root.toAbsolutePath().normalize(), root, filter, files, problems);
    }

    private static void walk(Path absolute, Path shown, ScanFilter filter, Consumer<LogFile> files, Consumer<Problem> problems) {
        List<Path> entries;
        try (Stream<Path> listing = Files.list(shown)) {
            entries = listing.sorted().toList();
        } catch (IOException e) {
            problems.accept(Problem.in(shown.toString(), "cannot list: " + describe(e)));
            return;
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (Files.isDirectory(entry)) {
                Path absoluteEntry = absolute.resolve(name);
                if (filter.admitsDirectory(components(absoluteEntry))) {
                    walk(absoluteEntry, entry, filter, files, problems);
                }
            } else if (Files.isRegularFile(entry) && filter.admitsFile(name)) {
                files.accept(logFile(entry));
            }
        }
    }

    /** A size that cannot be read only shows as 0 in the progress figures: opening the file will tell what is wrong. */
    private static LogFile logFile(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException unreadable) {
            size = 0;
        }
        return new LogFile(file.toString(), size);
    }

    private static List<String> components(Path absolute) {
        List<String> names = new ArrayList<>(absolute.getNameCount());
        absolute.forEach(part -> names.add(part.toString()));
        return names;
    }

    @Override
    public InputStream open(LogFile file) throws IOException {
        return Files.newInputStream(Path.of(file.name()));
    }

    @Override
    public void close() {
        // Nothing held between files.
    }

    static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException ignored -> "no such file or directory";
            case AccessDeniedException ignored -> "permission denied";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
