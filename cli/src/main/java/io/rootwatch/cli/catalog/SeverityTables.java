package io.rootwatch.cli.catalog;

import io.rootwatch.cli.output.Table;
import io.rootwatch.detect.SeverityPolicy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static io.rootwatch.cli.output.Table.column;

/** The severity policy in order, first matching rule first: a terminal listing or the README's Markdown table. */
public final class SeverityTables {
    private SeverityTables() {
    }

    public static String markdown(List<SeverityPolicy.Rule> rules) {
        StringBuilder markdown = new StringBuilder("""
                | # | severity | when |
                |---|---|---|
                """);
        for (int i = 0; i < rules.size(); i++) {
            SeverityPolicy.Rule rule = rules.get(i);
            markdown.append("| ").append(i + 1).append(" | ").append(rule.severity())
                    .append(" | ").append(Markdown.escape(rule.when())).append(" |\n");
        }
        return markdown.toString();
    }

    public static String text(List<SeverityPolicy.Rule> rules) {
        Table table = new Table(column("#", 3), column("SEVERITY", 8), column("WHEN (the first rule that holds wins)", 200));
        for (int i = 0; i < rules.size(); i++) {
            table.add(String.valueOf(i + 1), rules.get(i).severity().name(), rules.get(i).when());
        }
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            table.print(out);
        }
        return text.toString();
    }
}
