package io.rootwatch.cli.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.audit.AuditRecord;
import io.rootwatch.cli.output.DisplayText;
import io.rootwatch.cli.output.Table;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.rootwatch.cli.output.Table.column;

/** Prints the events a query found, in one of the output formats. */
public sealed interface RecordPrinter {
    void print(AuditRecord record);

    /** Called once after the last record (a table prints only then, to align its columns). */
    void finish();

    static RecordPrinter of(QueryFormat format, PrintWriter out) {
        return switch (format) {
            case TABLE -> new TablePrinter(out);
            case JSONL -> new JsonLinesPrinter(out);
            case CSV -> new CsvPrinter(out);
        };
    }

    /** Aligned columns for a person; cells made terminal-safe and cut by {@link Table}. */
    final class TablePrinter implements RecordPrinter {
        private final PrintWriter out;
        private final Table table = new Table(column("TIME", 24), column("ACCOUNT", 12), column("REGION", 14),
                column("EVENT", 48), column("CATEGORY", 24), column("TASK", 26), column("SEVERITY", 8), column("MFA", 3),
                column("SOURCE IP", 39), column("EXPECTED", 8));

        TablePrinter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void print(AuditRecord r) {
            String event = r.eventSource().map(source -> source.replace(".amazonaws.com", "").replace(".amazon.com", "") + ":")
                    .orElse("") + r.eventName().orElse("-");
            table.add(r.eventTime().toString(), r.accountId(), r.region(), event, r.category().name(),
                    DisplayText.orNone(r.task()), r.severity().name(), DisplayText.yesNo(r.mfaUsed()),
                    DisplayText.orNone(r.sourceIpAddress()), r.expected() ? "yes" : "no");
        }

        @Override
        public void finish() {
            if (!table.isEmpty()) {
                table.print(out);
            }
            out.flush();
        }
    }

    /** One JSON object per line, every field of {@link RecordFields} always present ({@code null} when absent). */
    final class JsonLinesPrinter implements RecordPrinter {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final PrintWriter out;

        JsonLinesPrinter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void print(AuditRecord record) {
            ObjectNode line = JSON.createObjectNode();
            for (RecordFields.Field field : RecordFields.ALL) {
                Optional<?> value = field.value().apply(record);
                switch (value.orElse(null)) {
                    case null -> line.putNull(field.name());
                    case Boolean flag -> line.put(field.name(), flag);
                    case List<?> list -> {
                        ArrayNode array = line.putArray(field.name());
                        list.forEach(item -> array.add(item.toString()));
                    }
                    case Object text -> line.put(field.name(), text.toString());
                }
            }
            try {
                out.println(JSON.writeValueAsString(line));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void finish() {
            out.flush();
        }
    }

    /**
     * RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma, quote or line
     * break, quotes doubled. A field that a spreadsheet would run as a formula (starting with
     * {@code = + - @} or a tab) is prefixed with {@code '}: event fields are written by whoever made the call.
     */
    final class CsvPrinter implements RecordPrinter {
        private static final String CRLF = "\r\n";
        private final PrintWriter out;

        CsvPrinter(PrintWriter out) {
            this.out = out;
            out.print(String.join(",", RecordFields.ALL.stream().map(RecordFields.Field::name).toList()) + CRLF);
        }

        @Override
        public void print(AuditRecord record) {
            List<String> cells = new ArrayList<>();
            for (RecordFields.Field field : RecordFields.ALL) {
                String text = switch (field.value().apply(record).orElse(null)) {
                    case null -> "";
                    case List<?> list -> String.join("; ", list.stream().map(Object::toString).toList());
                    case Object value -> value.toString();
                };
                cells.add(cell(text));
            }
            out.print(String.join(",", cells) + CRLF);
        }

        static String cell(String text) {
            String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
            if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
                return "\"" + safe.replace("\"", "\"\"") + "\"";
            }
            return safe;
        }

        @Override
        public void finish() {
            out.flush();
        }
    }
}
