package io.rootwatch.cli.replay;

import io.rootwatch.detect.Category;
import io.rootwatch.detect.Severity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The verdicts a samples directory says its files should get, from its {@code expected.tsv}:
 * a header naming the columns {@code file}, {@code category}, {@code task} ({@code -} for none)
 * and {@code severity}, in any order, then one TAB-separated line per sample file.
 */
final class ExpectedVerdicts {
    static final String FILE_NAME = "expected.tsv";
    private static final String NO_TASK = "-";
    private static final List<String> REQUIRED_COLUMNS = List.of("file", "category", "task", "severity");

    private final Map<String, ExpectedVerdict> byFile;
    private final List<String> problems;

    private ExpectedVerdicts(Map<String, ExpectedVerdict> byFile, List<String> problems) {
        this.byFile = byFile;
        this.problems = List.copyOf(problems);
    }

    /** The directory's expected verdicts, or empty when it has no expected.tsv. */
    static Optional<ExpectedVerdicts> in(Path directory) {
        Path tsv = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(tsv)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(tsv.toString(), Files.readAllLines(tsv)));
        } catch (IOException e) {
            return Optional.of(new ExpectedVerdicts(Map.of(), List.of(tsv + ": cannot read: " + e.getMessage())));
        }
    }

    static ExpectedVerdicts parse(String name, List<String> lines) {
        Map<String, ExpectedVerdict> byFile = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> columns = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNumber = i + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (columns == null) {
                columns = header(cells);
                if (!columns.keySet().containsAll(REQUIRED_COLUMNS)) {
                    problems.add(name + ":" + lineNumber + ": the header must name the columns " + String.join(", ", REQUIRED_COLUMNS)
                            + " (TAB-separated), got: " + String.join(" | ", cells));
                    return new ExpectedVerdicts(Map.of(), problems);
                }
                continue;
            }
            String where = name + ":" + lineNumber + ": ";
            try {
                ExpectedVerdict expected = verdict(lineNumber, cells, columns);
                ExpectedVerdict earlier = byFile.putIfAbsent(expected.file(), expected);
                if (earlier != null) {
                    problems.add(where + "a second line for " + expected.file() + " (the first is line " + earlier.line() + ")");
                }
            } catch (IllegalArgumentException e) {
                problems.add(where + e.getMessage());
            }
        }
        if (columns == null) {
            problems.add(name + ": empty: no header line");
        }
        return new ExpectedVerdicts(byFile, problems);
    }

    Optional<ExpectedVerdict> forFile(String file) {
        return Optional.ofNullable(byFile.get(file));
    }

    List<ExpectedVerdict> all() {
        return List.copyOf(byFile.values());
    }

    List<String> problems() {
        return problems;
    }

    private static Map<String, Integer> header(String[] cells) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            columns.putIfAbsent(cells[i].replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT), i);
        }
        return columns;
    }

    private static ExpectedVerdict verdict(int lineNumber, String[] cells, Map<String, Integer> columns) {
        int needed = REQUIRED_COLUMNS.stream().mapToInt(columns::get).max().orElseThrow() + 1;
        if (cells.length < needed) {
            throw new IllegalArgumentException(needed + " TAB-separated columns expected, got " + cells.length);
        }
        String file = cell(cells, columns, "file");
        if (file.isEmpty()) {
            throw new IllegalArgumentException("no file name");
        }
        String task = cell(cells, columns, "task");
        return new ExpectedVerdict(lineNumber, file,
                named(Category.class, cell(cells, columns, "category")),
                task.isEmpty() || task.equals(NO_TASK) ? Optional.empty() : Optional.of(task),
                named(Severity.class, cell(cells, columns, "severity")));
    }

    private static String cell(String[] cells, Map<String, Integer> columns, String column) {
        return cells[columns.get(column)].trim();
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + type.getSimpleName().toLowerCase(Locale.ROOT) + " \"" + name
                    + "\" (one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()) + ")");
        }
    }
}
