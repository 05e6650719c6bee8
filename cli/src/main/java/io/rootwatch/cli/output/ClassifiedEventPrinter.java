package io.rootwatch.cli.output;

import java.io.PrintWriter;

/** Writes classified events out, as a table for people or as JSON Lines for programs. */
public sealed interface ClassifiedEventPrinter permits EventTable, EventJsonLines {

    void print(ClassifiedEvent event);

    /** Called once after the last event: a table is printed only now, when its widths are known. */
    void finish();

    /** An aligned table, or {@code whenEmpty} when there was no event to show. */
    static ClassifiedEventPrinter table(PrintWriter out, String whenEmpty) {
        return new EventTable(out, whenEmpty);
    }

    static ClassifiedEventPrinter jsonLines(PrintWriter out) {
        return new EventJsonLines(out);
    }
}
