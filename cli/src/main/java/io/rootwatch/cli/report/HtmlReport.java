package io.rootwatch.cli.report;

import io.rootwatch.audit.AuditRecord;
import io.rootwatch.detect.Severity;

import java.util.List;
import java.util.Map;

import static io.rootwatch.cli.report.ReportText.html;
import static io.rootwatch.cli.report.ReportText.time;

/**
 * The report as one self-contained HTML file: inline CSS, an inline SVG timeline, no script and
 * nothing fetched (its Content-Security-Policy forbids it, should a value ever slip through
 * unescaped). The only links are to AWS documentation of the tasks.
 */
public final class HtmlReport {
    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 70rem; color: #1b1b1b; padding: 0 1rem; }
            h1 { font-size: 1.6rem; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2.2rem; } h3 { font-size: 1rem; margin-top: 1.4rem; }
            table { border-collapse: collapse; margin: .5rem 0; } th, td { border: 1px solid #d0d0d0; padding: .25rem .6rem; text-align: left; vertical-align: top; }
            th { background: #f2f2f2; } td.n { text-align: right; } .summary th { width: 16rem; }
            .sev { display: inline-block; padding: 0 .4rem; border-radius: .2rem; color: #fff; font-size: .85em; }
            .timeline text { font-size: 12px; fill: #1b1b1b; } .timeline line.row { stroke: #e0e0e0; } .timeline line.tick { stroke: #f0f0f0; }
            .timeline text.tick, .timeline text.quiet { fill: #555; } .timeline text.quiet { font-style: italic; } code, .mono { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; word-break: break-all; }
            .none { color: #555; }
            """;

    private final StringBuilder out = new StringBuilder();

    private HtmlReport() {
    }

    public static String render(AuditEvidence evidence) {
        return new HtmlReport().document(evidence);
    }

    private String document(AuditEvidence evidence) {
        String period = time(evidence.period().from()) + " to " + time(evidence.period().until());
        out.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                """);
        out.append("<title>Root user activity report, ").append(period).append("</title>\n");
        out.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        out.append("<h1>Root user activity report</h1>\n");
        out.append("<table class=\"summary\">\n");
        summary("Period", period + " (UTC, end excluded)");
        summary("Audit table", html(evidence.table()));
        summary("Generated", time(evidence.generatedAt()));
        summary("Accounts", evidence.accounts().size() + " known, " + evidence.active().size() + " with root activity, "
                + evidence.quiet().size() + " without");
        summary("Root events", evidence.events().size() + " (" + ReportText.counts(evidence.countsBySeverity()) + ")");
        summary("Root-only tasks performed", Long.toString(evidence.rootOnlyTasks()));
        summary("Root sign-ins without MFA", Long.toString(evidence.signInsWithoutMfa()));
        summary("Calls with a root access key", Long.toString(evidence.rootAccessKeyUse()));
        out.append("</table>\n");

        out.append("<h2>Timeline</h2>\n<figure>\n").append(TimelineChart.render(evidence))
                .append("<figcaption>Root events by account over the period, coloured by severity; hover a mark for the event.</figcaption>\n</figure>\n");

        out.append("<h2>Accounts without root activity in the period</h2>\n");
        if (evidence.quiet().isEmpty()) {
            out.append("<p class=\"none\">None: every known account had root activity.</p>\n");
        } else {
            out.append("<table>\n<tr><th>account</th><th>last root sign-in recorded</th></tr>\n");
            evidence.quiet().forEach(account -> row(html(account.accountId()), account.lastSignInRecorded()
                    .map(s -> time(s.eventTime()) + ", MFA " + html(s.mfaUsed())).orElse("none recorded")));
            out.append("</table>\n");
        }
        evidence.active().forEach(account -> section(account, evidence));
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private void section(AccountEvidence account, AuditEvidence evidence) {
        out.append("<h2 id=\"account-").append(html(account.accountId())).append("\">Account ").append(html(account.accountId()))
                .append(account.accountName().map(n -> " (" + html(n) + ")").orElse("")).append("</h2>\n<ul>\n");
        out.append("<li>Root events in the period: ").append(account.events().size()).append("</li>\n");
        out.append("<li>Last root sign-in in the period: ").append(account.lastSignInInPeriod()
                .map(s -> time(s.eventTime()) + " from " + html(s.sourceIpAddress().orElse("an unrecorded address")) + ", MFA " + mfa(s))
                .orElse("none")).append("</li>\n");
        out.append("<li>Last root sign-in recorded: ").append(account.lastSignInRecorded()
                .map(s -> time(s.eventTime()) + ", MFA " + html(s.mfaUsed())).orElse("none")).append("</li>\n</ul>\n");

        out.append("<h3>Events by category</h3>\n");
        counts(account.countsByCategory(), "category");
        out.append("<h3>Events by severity</h3>\n");
        counts(account.countsBySeverity(), "severity");

        out.append("<h3>Root-only tasks performed</h3>\n");
        List<AccountEvidence.TaskPerformed> tasks = account.rootOnlyTasks(evidence.catalog());
        if (tasks.isEmpty()) {
            none();
        } else {
            out.append("<table>\n<tr><th>time</th><th>task</th><th>title</th><th>event</th><th>planned</th></tr>\n");
            tasks.forEach(t -> row(time(t.event().eventTime()), "<code>" + html(t.task().id()) + "</code>",
                    "<a href=\"" + html(t.task().documentation()) + "\">" + html(t.task().title()) + "</a>", event(t.event()),
                    t.event().expected() ? "yes" : "no"));
            out.append("</table>\n");
        }

        out.append("<h3>Root sign-ins without MFA</h3>\n");
        List<AuditRecord> noMfa = account.signInsWithoutMfa();
        if (noMfa.isEmpty()) {
            none();
        } else {
            out.append("<table>\n<tr><th>time</th><th>source IP</th><th>MFA</th><th>user agent</th></tr>\n");
            noMfa.forEach(e -> row(time(e.eventTime()), html(e.sourceIpAddress().orElse("-")), mfa(e),
                    "<span class=\"mono\">" + html(e.userAgent().orElse("-")) + "</span>"));
            out.append("</table>\n");
        }

        out.append("<h3>Calls signed with a root access key</h3>\n");
        List<AuditRecord> keys = account.rootAccessKeyUse();
        if (keys.isEmpty()) {
            none();
        } else {
            out.append("<table>\n<tr><th>time</th><th>access key</th><th>event</th><th>source IP</th><th>user agent</th></tr>\n");
            keys.forEach(e -> row(time(e.eventTime()), "<code>" + html(e.rootAccessKey().orElseThrow()) + "</code>", event(e),
                    html(e.sourceIpAddress().orElse("-")), "<span class=\"mono\">" + html(e.userAgent().orElse("-")) + "</span>"));
            out.append("</table>\n");
        }
    }

    private <K extends Enum<K>> void counts(Map<K, Long> counts, String heading) {
        out.append("<table>\n<tr><th>").append(heading).append("</th><th>events</th></tr>\n");
        counts.forEach((key, count) -> {
            String label = key instanceof Severity severity
                    ? "<span class=\"sev\" style=\"background:" + TimelineChart.colour(severity) + "\">" + key.name() + "</span>"
                    : key.name();
            out.append("<tr><td>").append(label).append("</td><td class=\"n\">").append(count).append("</td></tr>\n");
        });
        out.append("</table>\n");
    }

    private static String event(AuditRecord e) {
        return "<code>" + html(e.eventSource().map(s -> s.replace(".amazonaws.com", "") + ":").orElse("") + e.eventName().orElse("-"))
                + "</code>";
    }

    private static String mfa(AuditRecord e) {
        return e.mfaUsed().map(used -> used ? "yes" : "no").orElse("not recorded");
    }

    private void none() {
        out.append("<p class=\"none\">None.</p>\n");
    }

    private void summary(String heading, String value) {
        out.append("<tr><th>").append(heading).append("</th><td>").append(value).append("</td></tr>\n");
    }

    private void row(String... cells) {
        out.append("<tr>");
        for (String cell : cells) {
            out.append("<td>").append(cell).append("</td>");
        }
        out.append("</tr>\n");
    }
}
