package io.rootwatch.cli.report;

import io.rootwatch.audit.AuditRecord;

import java.util.List;
import java.util.Map;

import static io.rootwatch.cli.report.ReportText.markdown;
import static io.rootwatch.cli.report.ReportText.time;

/** The report as Markdown: a summary, the accounts without root activity, then one section per active account. */
public final class MarkdownReport {
    private final StringBuilder out = new StringBuilder();

    private MarkdownReport() {
    }

    public static String render(AuditEvidence evidence) {
        return new MarkdownReport().document(evidence);
    }

    private String document(AuditEvidence evidence) {
        line("# Root user activity report");
        line("");
        row("", "");
        line("|---|---|");
        row("Period", time(evidence.period().from()) + " to " + time(evidence.period().until()) + " (UTC, end excluded)");
        row("Audit table", markdown(evidence.table()));
        row("Generated", time(evidence.generatedAt()));
        row("Accounts", evidence.accounts().size() + " known, " + evidence.active().size() + " with root activity, "
                + evidence.quiet().size() + " without");
        row("Root events", evidence.events().size() + " (" + ReportText.counts(evidence.countsBySeverity()) + ")");
        row("Root-only tasks performed", Long.toString(evidence.rootOnlyTasks()));
        row("Root sign-ins without MFA", Long.toString(evidence.signInsWithoutMfa()));
        row("Calls with a root access key", Long.toString(evidence.rootAccessKeyUse()));
        line("");
        line("## Accounts without root activity in the period");
        line("");
        if (evidence.quiet().isEmpty()) {
            line("None: every known account had root activity.");
        } else {
            row("account", "last root sign-in recorded");
            line("|---|---|");
            evidence.quiet().forEach(account -> row(markdown(account.accountId()), account.lastSignInRecorded()
                    .map(s -> time(s.eventTime()) + ", MFA " + markdown(s.mfaUsed())).orElse("none recorded")));
        }
        for (AccountEvidence account : evidence.active()) {
            section(account, evidence);
        }
        return out.toString();
    }

    private void section(AccountEvidence account, AuditEvidence evidence) {
        line("");
        line("## Account " + markdown(account.accountId()) + account.accountName().map(n -> " (" + markdown(n) + ")").orElse(""));
        line("");
        line("- Root events in the period: " + account.events().size());
        line("- Last root sign-in in the period: " + account.lastSignInInPeriod()
                .map(s -> time(s.eventTime()) + " from " + markdown(s.sourceIpAddress().orElse("an unrecorded address"))
                        + ", MFA " + mfa(s)).orElse("none"));
        line("- Last root sign-in recorded: " + account.lastSignInRecorded()
                .map(s -> time(s.eventTime()) + ", MFA " + markdown(s.mfaUsed())).orElse("none"));
        line("");
        line("### Events by category");
        line("");
        counts(account.countsByCategory(), "category");
        line("");
        line("### Events by severity");
        line("");
        counts(account.countsBySeverity(), "severity");
        line("");
        line("### Root-only tasks performed");
        line("");
        List<AccountEvidence.TaskPerformed> tasks = account.rootOnlyTasks(evidence.catalog());
        if (tasks.isEmpty()) {
            line("None.");
        } else {
            row("time", "task", "title", "event", "planned");
            line("|---|---|---|---|---|");
            tasks.forEach(t -> row(time(t.event().eventTime()), markdown(t.task().id()),
                    "[" + markdown(t.task().title()) + "](" + t.task().documentation() + ")", event(t.event()),
                    t.event().expected() ? "yes" : "no"));
        }
        line("");
        line("### Root sign-ins without MFA");
        line("");
        List<AuditRecord> noMfa = account.signInsWithoutMfa();
        if (noMfa.isEmpty()) {
            line("None.");
        } else {
            row("time", "source IP", "MFA", "user agent");
            line("|---|---|---|---|");
            noMfa.forEach(e -> row(time(e.eventTime()), markdown(e.sourceIpAddress().orElse("-")), mfa(e),
                    markdown(e.userAgent().orElse("-"))));
        }
        line("");
        line("### Calls signed with a root access key");
        line("");
        List<AuditRecord> keys = account.rootAccessKeyUse();
        if (keys.isEmpty()) {
            line("None.");
        } else {
            row("time", "access key", "event", "source IP", "user agent");
            line("|---|---|---|---|---|");
            keys.forEach(e -> row(time(e.eventTime()), markdown(e.rootAccessKey().orElseThrow()), event(e),
                    markdown(e.sourceIpAddress().orElse("-")), markdown(e.userAgent().orElse("-"))));
        }
    }

    private <K extends Enum<K>> void counts(Map<K, Long> counts, String heading) {
        row(heading, "events");
        line("|---|--:|");
        counts.forEach((key, count) -> row(key.name(), Long.toString(count)));
    }

    private static String event(AuditRecord e) {
        return markdown(e.eventSource().map(s -> s.replace(".amazonaws.com", "") + ":").orElse("") + e.eventName().orElse("-"));
    }

    private static String mfa(AuditRecord e) {
        return e.mfaUsed().map(used -> used ? "yes" : "no").orElse("not recorded");
    }

    private void row(String... cells) {
        line("| " + String.join(" | ", cells) + " |");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
