package io.rootwatch.cli.replay;

import io.rootwatch.cli.output.DisplayText;
import io.rootwatch.cli.output.Table;
import io.rootwatch.detect.Category;

import java.io.PrintWriter;
import java.util.List;

import static io.rootwatch.cli.output.Table.column;

/** What a replay found: every event with its verdicts, and everything flagged, in the order found. */
public final class ReplayReport {
    private final String directory;
    private final int files;
    private final List<ReplayedEvent> events;
    private final List<String> flags;
    private final boolean comparedWithExpected;

    ReplayReport(String directory, int files, List<ReplayedEvent> events, List<String> flags, boolean comparedWithExpected) {
        this.directory = directory;
        this.files = files;
        this.events = List.copyOf(events);
        this.flags = List.copyOf(flags);
        this.comparedWithExpected = comparedWithExpected;
    }

    public boolean isClean() {
        return flags.isEmpty();
    }

    public void print(PrintWriter out) {
        out.println("Replaying " + files + " sample file" + (files == 1 ? "" : "s") + " from " + DisplayText.safe(directory)
                + " through the EventBridge pattern the stack deploys, then the classifier.");
        out.println();
        if (!events.isEmpty()) {
            printEvents(out);
            out.println();
        }
        if (!flags.isEmpty()) {
            out.println("Flagged:");
            flags.forEach(flag -> out.println("  " + DisplayText.safe(flag)));
            out.println();
        }
        printSummary(out);
    }

    private void printEvents(PrintWriter out) {
        Table table = new Table(column("CHECK", 5), column("SAMPLE", 48), column("RULE", 11), column("CATEGORY", 24),
                column("TASK", 26), column("SEVERITY", 8), column("ALERT PREVIEW", 80));
        for (ReplayedEvent event : events) {
            table.add(event.isFlagged() ? "FLAG" : "ok", event.sample(), event.rule().label(), event.verdict().category().name(),
                    DisplayText.orNone(event.verdict().taskId()), event.verdict().severity().name(), event.headline());
        }
        table.print(out);
    }

    private void printSummary(PrintWriter out) {
        out.printf("%-28s %6s  %s%n", "Summary", "EVENTS", "MATCHED BY THE PATTERN");
        for (Category category : Category.values()) {
            printCounts(out, category.name(), events.stream().filter(e -> e.verdict().category() == category).toList());
        }
        printCounts(out, "all, in " + files + " file" + (files == 1 ? "" : "s"), events);
        out.println(ExpectedVerdicts.FILE_NAME + ": " + (comparedWithExpected ? expectedOutcome()
                : "none in " + DisplayText.safe(directory) + ", verdicts not compared"));
        out.println("Result: " + (flags.isEmpty() ? "OK, nothing flagged" : "FAILED, " + flags.size() + " flagged"));
    }

    private String expectedOutcome() {
        List<Boolean> compared = events.stream().flatMap(e -> e.asExpected().stream()).toList();
        return compared.stream().filter(Boolean::booleanValue).count() + " of " + events(compared.size()) + " as expected";
    }

    private static void printCounts(PrintWriter out, String label, List<ReplayedEvent> events) {
        long matched = events.stream().filter(e -> e.rule() == RuleOutcome.MATCHED).count();
        out.printf("  %-26s %6d  %d%n", label, events.size(), matched);
    }

    private static String events(int count) {
        return count + (count == 1 ? " event" : " events");
    }
}
