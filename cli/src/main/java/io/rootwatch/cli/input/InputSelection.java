package io.rootwatch.cli.input;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Turns the paths a user names into the inputs to read. A file named explicitly is always read,
 * whatever its name; under a directory only files named like event data are, so a samples folder
 * can hold its README and expected.tsv next to the events.
 */
public final class InputSelection {
    private static final String STDIN_ARGUMENT = "-";

    private static final List<String> EVENT_FILE_SUFFIXES = List.of(".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".gz");

    /** The inputs found, in order, and a problem for each path that could not be looked at. */
    public record Selected(List<Input> inputs, List<Problem> problems) {
        public Selected {
            inputs = List.copyOf(inputs);
            problems = List.copyOf(problems);
        }
    }

    private InputSelection() {
    }

    /** Each argument is a file, a directory (walked recursively) or {@code -} for the standard input. */
    public static Selected of(List<String> arguments) {
        List<Input> inputs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.equals(STDIN_ARGUMENT)) {
                inputs.add(new Input.FromStdin());
                continue;
            }
            Path path = Path.of(argument);
            if (Files.isDirectory(path)) {
                walk(path, inputs, problems);
            } else if (Files.exists(path)) {
                inputs.add(new Input.FromFile(path, argument));
            } else {
                problems.add(Problem.in(argument, "no such file or directory"));
            }
        }
        return new Selected(inputs, problems);
    }

    /** The event files under a directory, in a stable order. */
    public static Selected inDirectory(Path directory) {
        List<Input> inputs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        walk(directory, inputs, problems);
        return new Selected(inputs, problems);
    }

    static boolean isEventFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return EVENT_FILE_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    private static void walk(Path directory, List<Input> inputs, List<Problem> problems) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && isEventFileName(file.getFileName().toString())) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add(Problem.in(file.toString(), e instanceof FileSystemLoopException
                            ? "symbolic link loop, not followed" : InputReader.describe(e)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(Problem.in(directory.toString(), InputReader.describe(e)));
        }
        found.stream().sorted().forEach(file -> inputs.add(new Input.FromFile(file, file.toString())));
    }
}
