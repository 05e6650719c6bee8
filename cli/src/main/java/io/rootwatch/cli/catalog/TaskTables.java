package io.rootwatch.cli.catalog;

import io.rootwatch.cli.output.EventLabel;
import io.rootwatch.cli.output.Table;
import io.rootwatch.detect.RootTask;
import io.rootwatch.detect.TaskEvent;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.rootwatch.cli.output.Table.column;

/** The task catalog as people read it: a terminal listing, or the Markdown table the README embeds. */
public final class TaskTables {
    static final String NO_EVENT = "none documented";

    private TaskTables() {
    }

    public static String markdown(List<RootTask> tasks) {
        StringBuilder markdown = new StringBuilder("""
                | task id | task | root only | CloudTrail events |
                |---|---|---|---|
                """);
        for (RootTask task : tasks) {
            markdown.append("| `").append(task.id()).append("` | [")
                    .append(Markdown.escape(task.title())).append("](").append(task.documentation()).append(") | ")
                    .append(task.rootOnly() ? "yes" : "no").append(" | ")
                    .append(task.events().isEmpty() ? NO_EVENT : String.join("<br>", task.events().stream().map(TaskTables::markdown).toList()))
                    .append(" |\n");
        }
        return markdown.toString();
    }

    public static String text(List<RootTask> tasks) {
        Table table = new Table(column("TASK ID", 32), column("ROOT ONLY", 9), column("CATEGORY", 24), column("TASK", 120));
        for (RootTask task : tasks) {
            table.add(task.id(), task.rootOnly() ? "yes" : "no", task.category().name(), task.title());
        }
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            table.print(out);
            out.println();
            out.println("CloudTrail events that record each task:");
            for (RootTask task : tasks) {
                List<String> events = events(task);
                out.println("  " + task.id() + ": " + (events.isEmpty() ? NO_EVENT : String.join(", ", events)));
            }
        }
        return text.toString();
    }

    /** One catalog event entry: {@code `iam:CreateAccessKey`, `iam:DeleteAccessKey` when `requestParameters.userName` is absent}. */
    private static String markdown(TaskEvent event) {
        Set<String> labels = new LinkedHashSet<>();
        for (String source : event.sources()) {
            for (String name : event.names()) {
                labels.add("`" + EventLabel.service(source) + ":" + name + "`");
            }
        }
        String when = event.describeWhen();
        return String.join(", ", labels) + (when.isEmpty() ? "" : " when " + when);
    }

    /** Each source and name once, in catalog order: {@code iam:CreateAccessKey}. */
    static List<String> events(RootTask task) {
        Set<String> events = new LinkedHashSet<>();
        for (TaskEvent event : task.events()) {
            for (String source : event.sources()) {
                for (String name : event.names()) {
                    events.add(EventLabel.service(source) + ":" + name);
                }
            }
        }
        return List.copyOf(events);
    }
}
