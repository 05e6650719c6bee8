package io.rootwatch.cli.report;

import io.rootwatch.audit.AuditRecord;
import io.rootwatch.cli.output.DisplayText;
import io.rootwatch.cli.query.Period;
import io.rootwatch.detect.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static io.rootwatch.cli.report.ReportText.html;
import static io.rootwatch.cli.report.ReportText.time;

/**
 * An inline SVG timeline of root events: one row per account across the period, one mark per
 * event coloured by severity, with a legend. Each mark carries its event as a tooltip, and the
 * chart a text description, for readers who cannot see it.
 */
final class TimelineChart {
    private static final int WIDTH = 960;
    private static final int LABEL_WIDTH = 230;
    private static final int PLOT_RIGHT = WIDTH - 20;
    private static final int TOP = 34;
    private static final int ROW = 26;
    private static final int TICKS = 5;

    private TimelineChart() {
    }

    static String colour(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "#b00020";
            case HIGH -> "#e65100";
            case MEDIUM -> "#c79100";
            case LOW -> "#1565c0";
            case INFO -> "#757575";
        };
    }

    static String render(AuditEvidence evidence) {
        List<AccountEvidence> accounts = evidence.accounts();
        Period period = evidence.period();
        int plotBottom = TOP + Math.max(1, accounts.size()) * ROW;
        int height = plotBottom + 60;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"timeline\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" width=\"100%\">\n");
        svg.append("<title id=\"timeline-title\">Root events by account, ").append(time(period.from())).append(" to ")
                .append(time(period.until())).append("</title>\n");
        svg.append("<desc id=\"timeline-desc\">").append(description(evidence)).append("</desc>\n");
        axis(svg, period, plotBottom);
        for (int row = 0; row < accounts.size(); row++) {
            AccountEvidence account = accounts.get(row);
            int y = TOP + row * ROW + ROW / 2;
            svg.append("<text class=\"account\" x=\"").append(LABEL_WIDTH - 10).append("\" y=\"").append(y + 4)
                    .append("\" text-anchor=\"end\">").append(html(label(account))).append("</text>\n");
            svg.append("<line class=\"row\" x1=\"").append(LABEL_WIDTH).append("\" x2=\"").append(PLOT_RIGHT)
                    .append("\" y1=\"").append(y).append("\" y2=\"").append(y).append("\"/>\n");
            if (!account.hadRootActivity()) {
                svg.append("<text class=\"quiet\" x=\"").append(LABEL_WIDTH + 8).append("\" y=\"").append(y - 4)
                        .append("\">no root activity</text>\n");
            }
            // The most urgent drawn last, so that it is on top where marks overlap.
            account.events().stream().sorted(Comparator.comparing(AuditRecord::severity).reversed())
                    .forEach(event -> mark(svg, period, event, y));
        }
        legend(svg, plotBottom + 40);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String label(AccountEvidence account) {
        String name = account.accountName().map(n -> " " + DisplayText.safe(n, 16)).orElse("");
        return account.accountId() + name;
    }

    private static String description(AuditEvidence evidence) {
        StringBuilder text = new StringBuilder();
        text.append(evidence.events().size()).append(" root events in ").append(evidence.active().size())
                .append(" of ").append(evidence.accounts().size()).append(" accounts.");
        for (AccountEvidence account : evidence.accounts()) {
            text.append(' ').append(html(account.accountId())).append(": ");
            text.append(account.hadRootActivity()
                    ? account.events().size() + " (" + ReportText.counts(account.countsBySeverity()) + ")."
                    : "no root activity.");
        }
        return text.toString();
    }

    private static void axis(StringBuilder svg, Period period, int plotBottom) {
        Duration length = Duration.between(period.from(), period.until());
        DateTimeFormatter format = DateTimeFormatter.ofPattern(length.compareTo(Duration.ofDays(3)) > 0 ? "yyyy-MM-dd" : "MM-dd HH:mm",
                Locale.ROOT).withZone(ZoneOffset.UTC);
        for (int i = 0; i < TICKS; i++) {
            Instant at = period.from().plus(length.multipliedBy(i).dividedBy(TICKS - 1));
            int x = x(period, at);
            svg.append("<line class=\"tick\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(TOP - 6)
                    .append("\" y2=\"").append(plotBottom).append("\"/>\n");
            String anchor = i == 0 ? "start" : i == TICKS - 1 ? "end" : "middle";
            svg.append("<text class=\"tick\" x=\"").append(x).append("\" y=\"").append(TOP - 12).append("\" text-anchor=\"")
                    .append(anchor).append("\">").append(format.format(at)).append("</text>\n");
        }
    }

    private static void mark(StringBuilder svg, Period period, AuditRecord event, int y) {
        svg.append("<circle cx=\"").append(x(period, event.eventTime())).append("\" cy=\"").append(y)
                .append("\" r=\"5\" fill=\"").append(colour(event.severity())).append("\"><title>")
                .append(time(event.eventTime())).append(' ').append(event.severity().name()).append(' ')
                .append(html(event.eventSource().map(s -> s.replace(".amazonaws.com", "") + ":").orElse("")
                        + event.eventName().orElse("-")))
                .append(" (").append(event.category().name()).append(")</title></circle>\n");
    }

    private static void legend(StringBuilder svg, int y) {
        int x = LABEL_WIDTH;
        for (Severity severity : Severity.values()) {
            svg.append("<circle cx=\"").append(x).append("\" cy=\"").append(y - 4).append("\" r=\"5\" fill=\"")
                    .append(colour(severity)).append("\"/>");
            svg.append("<text class=\"legend\" x=\"").append(x + 10).append("\" y=\"").append(y).append("\">")
                    .append(severity.name()).append("</text>\n");
            x += 110;
        }
    }

    private static int x(Period period, Instant time) {
        double span = Duration.between(period.from(), period.until()).toMillis();
        double offset = Duration.between(period.from(), time).toMillis();
        return LABEL_WIDTH + (int) Math.round(Math.clamp(offset / span, 0.0, 1.0) * (PLOT_RIGHT - LABEL_WIDTH));
    }
}
