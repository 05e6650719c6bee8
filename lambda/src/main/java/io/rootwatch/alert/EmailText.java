package io.rootwatch.alert;

import io.rootwatch.detect.AssumedRootSession;
import io.rootwatch.detect.BreakGlassWindow;
import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.Verdict;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The plain-text renderings: the email body a responder reads in full, and the short {@code default}
 * for any other subscriber. Each value from the event is on a line of its own label, made one line
 * by {@link UntrustedText#plain}, so none can add lines that look like the alert's own.
 */
final class EmailText {
    private static final int LABEL_WIDTH = 14;
    private static final String NOT_RECORDED = "not recorded";

    private final StringBuilder text = new StringBuilder();

    private EmailText() {
    }

    static String body(Alert alert) {
        EmailText email = new EmailText();
        email.line(sentence(alert)).blank();
        email.classification(alert);
        email.whoWhereWhen(alert);
        email.link(alert);
        email.context(alert);
        email.heading("Why rootwatch flagged it");
        AlertFacts.reasons(alert).forEach(reason -> email.line("- " + UntrustedText.plain(reason, UntrustedText.REASON_LIMIT)));
        email.blank().heading("Next steps");
        List<String> steps = NextSteps.of(alert, UntrustedText::plain);
        for (int i = 0; i < steps.size(); i++) {
            email.line((i + 1) + ". " + steps.get(i));
        }
        email.blank().line("--")
                .line("rootwatch alert for event " + UntrustedText.plain(alert.eventId()) + ", root session "
                        + UntrustedText.plain(alert.sessionKey()) + ".");
        return email.text.toString();
    }

    /** The SNS default: the headline, when and how, the first step and the link. */
    static String summary(Alert alert) {
        EmailText text = new EmailText();
        text.line(Headline.of(alert));
        text.line("When: " + AlertFacts.time(alert).map(UntrustedText::plain).orElse("time " + NOT_RECORDED)
                + ", region " + AlertFacts.region(alert).map(UntrustedText::plain).orElse(NOT_RECORDED)
                + ". MFA used: " + mfa(alert.verdict()) + ". Outcome: " + outcome(alert) + ".");
        text.line("First step: " + NextSteps.of(alert, UntrustedText::plain).getFirst());
        text.line(AlertFacts.cloudTrailLink(alert).map(link -> "CloudTrail: " + link).orElse(linkUnavailable(alert)));
        return text.text.toString();
    }

    /** What happened, in one sentence: {@code Root sign-in without MFA in account prod-payments (111122223333) from 192.0.2.146 at ...}. */
    private static String sentence(Alert alert) {
        String account = Headline.account(AlertFacts.accountId(alert), alert.accountName());
        String fromAt = alert.record().sourceIpAddress().map(ip -> " from " + UntrustedText.plain(ip)).orElse("")
                + AlertFacts.time(alert).map(time -> " at " + UntrustedText.plain(time)).orElse("");
        return alert.failureBurst().isPresent()
                ? Headline.whatHappened(alert) + " to account " + account + ", the latest" + fromAt + "."
                : Headline.whatHappened(alert) + " in account " + account + fromAt + ".";
    }

    private void classification(Alert alert) {
        Verdict verdict = alert.verdict();
        field("Severity", alert.severity().name());
        field("Category", verdict.category() + ": " + verdict.category().meaning());
        field("Expected", alert.plannedWindow()
                .map(window -> "yes, inside the planned break-glass window " + UntrustedText.plain(window.id()))
                .orElse("no, no planned break-glass window covers it"));
        verdict.task().ifPresent(task -> {
            field("Task", task.title() + " (" + task.id() + (task.rootOnly() ? "" : ", no longer root-only") + ")");
            field("", task.documentation());
        });
        blank();
    }

    private void whoWhereWhen(Alert alert) {
        CloudTrailRecord record = alert.record();
        heading("Who, where, when");
        field("Identity", record.identityType().map(UntrustedText::plain).orElse("type " + NOT_RECORDED)
                + record.identityArn().map(arn -> " " + UntrustedText.plain(arn)).orElse(", ARN " + NOT_RECORDED));
        record.text("userIdentity.userName").ifPresent(name -> field("User name", UntrustedText.plain(name)));
        field("Access key", record.accessKeyId()
                .map(key -> UntrustedText.plain(key) + " (" + AlertFacts.accessKeyKind(key) + ")")
                .orElse("none recorded"));
        field("Account", Headline.account(AlertFacts.accountId(alert), alert.accountName())
                + AlertFacts.envelopeNote(record.accountId(), AlertFacts.accountId(alert)));
        field("Region", AlertFacts.region(alert).map(UntrustedText::plain).orElse(NOT_RECORDED)
                + AlertFacts.envelopeNote(record.awsRegion(), AlertFacts.region(alert)));
        field("Time", AlertFacts.time(alert).map(UntrustedText::plain).orElse(NOT_RECORDED)
                + AlertFacts.envelopeNote(record.eventTime(), AlertFacts.time(alert)));
        field("Source IP", record.sourceIpAddress().map(UntrustedText::plain).orElse(NOT_RECORDED));
        field("User agent", record.userAgent().map(UntrustedText::plain).orElse(NOT_RECORDED));
        field("MFA used", mfa(alert.verdict()));
        field("Outcome", outcome(alert));
        AlertFacts.requestParameters(record).ifPresent(parameters -> field("Request", UntrustedText.plain(parameters)));
        alert.envelope().filter(envelope -> AlertFacts.forwarded(record, envelope)).ifPresent(envelope -> field("Received",
                "forwarded, on the event bus of account " + envelope.account().map(UntrustedText::plain).orElse(NOT_RECORDED)
                        + " in " + envelope.region().map(UntrustedText::plain).orElse(NOT_RECORDED)));
        blank();
    }

    private void link(Alert alert) {
        Optional<String> link = AlertFacts.cloudTrailLink(alert);
        if (link.isPresent()) {
            line((alert.failureBurst().isPresent() ? "CloudTrail, latest failed sign-in: " : "CloudTrail event: ") + link.get());
            line("It opens in account " + AlertFacts.accountId(alert).map(UntrustedText::plain).orElse(NOT_RECORDED)
                    + ": sign in to that account first (event history keeps 90 days).");
        } else {
            line(linkUnavailable(alert));
        }
        blank();
    }

    private void context(Alert alert) {
        if (alert.recordedSinceLastAlert() > 0) {
            heading("Root session");
            line(sessionLine(alert.recordedSinceLastAlert())).blank();
        }
        alert.plannedWindow().ifPresent(this::plannedWindow);
        alert.verdict().rootSession().ifPresent(this::centralizedSession);
        alert.failureBurst().ifPresent(burst -> {
            heading("Failed sign-ins");
            line(burst.count() + " failed root sign-ins to account " + UntrustedText.plain(burst.accountId()) + " within "
                    + burst.windowMinutes() + " minutes: the first at " + UntrustedText.plain(burst.firstTime())
                    + ", the latest at " + UntrustedText.plain(burst.lastTime()) + ".").blank();
        });
        if (alert.partial()) {
            heading("Partial record");
            line("The record lacked " + String.join(", ", alert.missingFields().stream().map(UntrustedText::plain).toList())
                    + ": what this alert says of them is unknown, not absent.").blank();
        }
    }

    private void plannedWindow(BreakGlassWindow window) {
        heading("Planned break-glass window");
        field("Reason", UntrustedText.plain(window.reason()));
        field("Planned by", UntrustedText.plain(window.createdBy()));
        field("From", window.from().toString());
        field("Until", window.until().toString());
        blank();
    }

    private void centralizedSession(AssumedRootSession session) {
        heading("Centralized root session");
        field("Opened by", UntrustedText.plain(session.callerArn()));
        field("Task policy", UntrustedText.plain(session.taskPolicy()));
        field("For account", UntrustedText.plain(session.targetAccount()));
        field("AssumeRoot", "event " + UntrustedText.plain(session.assumeRootEventId()));
        blank();
    }

    static String sessionLine(int recordedSinceLastAlert) {
        return recordedSinceLastAlert == 1
                ? "1 more event of this root session was recorded since the last alert."
                : recordedSinceLastAlert + " more events of this root session were recorded since the last alert.";
    }

    static String mfa(Verdict verdict) {
        return verdict.mfaUsed().map(used -> used ? "yes" : "no").orElse(NOT_RECORDED);
    }

    static String outcome(Alert alert) {
        if (AlertFacts.succeeded(alert)) {
            return "success";
        }
        CloudTrailRecord record = alert.record();
        return "failure" + record.errorCode().map(code -> ", " + UntrustedText.plain(code)).orElse("")
                + record.errorMessage().map(message -> ": " + UntrustedText.plain(message)).orElse("");
    }

    static String linkUnavailable(Alert alert) {
        return "CloudTrail link unavailable: the record's event id or region is missing, not of CloudTrail's form, or outside"
                + " the commercial partition. Search event history for event "
                + UntrustedText.plain(alert.record().eventId().orElse(alert.eventId())) + ".";
    }

    private EmailText heading(String heading) {
        return line(heading.toUpperCase(Locale.ROOT));
    }

    private EmailText field(String label, String value) {
        String labelled = label.isEmpty() ? "" : label + ":";
        return line(labelled + " ".repeat(Math.max(1, LABEL_WIDTH - labelled.length())) + value);
    }

    private EmailText line(String line) {
        text.append(line).append('\n');
        return this;
    }

    private EmailText blank() {
        return line("");
    }
}
