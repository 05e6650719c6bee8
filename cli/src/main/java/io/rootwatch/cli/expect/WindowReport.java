package io.rootwatch.cli.expect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.audit.RecordedWindow;
import io.rootwatch.cli.output.DisplayText;
import io.rootwatch.cli.output.Table;
import io.rootwatch.detect.BreakGlassWindow;
import io.rootwatch.lambda.PlannedWindows;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code rootwatch expect} prints: for people, the window's facts and what the detector will
 * do with it; with {@code --json}, one object per window and line, every field always there
 * ({@code null} when it does not apply). Reasons and identities are shown terminal-safe.
 */
public final class WindowReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration DETECTOR_DELAY = PlannedWindows.FRESH_FOR;

    private final PrintWriter out;
    private final boolean json;

    public WindowReport(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    public void opened(RecordedWindow window, Instant now) {
        if (json) {
            line(window, now);
            return;
        }
        BreakGlassWindow planned = window.planned();
        out.println("opened break-glass window " + planned.id());
        facts(window);
        out.println("Root events in account " + planned.accountId() + " from " + planned.from() + " until " + planned.until()
                + " will be alerted as planned, with this reason.");
        out.println("The detector sees the window within " + DETECTOR_DELAY.toSeconds() + " seconds. To end it early: rootwatch expect --cancel "
                + planned.id());
        out.flush();
    }

    public void cancelled(RecordedWindow window, Instant now) {
        if (json) {
            line(window, now);
            return;
        }
        BreakGlassWindow planned = window.planned();
        RecordedWindow.Cancellation cancellation = window.cancellation().orElseThrow();
        out.println("cancelled break-glass window " + planned.id());
        facts(window);
        out.println("  cancelled  " + cancellation.at() + " by " + DisplayText.safe(cancellation.by()));
        out.println("Root events in account " + planned.accountId() + " after " + cancellation.at()
                + " will be alerted as unplanned, once the detector rereads its windows (within "
                + DETECTOR_DELAY.toSeconds() + " seconds). The window stays in the audit table as evidence.");
        out.flush();
    }

    /** The windows, or a line saying there are none (nothing at all with {@code --json}). */
    public void list(List<RecordedWindow> windows, Instant now, boolean everyWindow) {
        if (json) {
            windows.forEach(window -> line(window, now));
            out.flush();
            return;
        }
        if (windows.isEmpty()) {
            out.println(everyWindow ? "no break-glass windows" : "no current or upcoming break-glass windows");
            out.flush();
            return;
        }
        Table table = new Table(Table.column("ID", 20), Table.column("ACCOUNT", 12), Table.column("STATE", 9),
                Table.column("FROM", 20), Table.column("UNTIL", 20), Table.column("OPENED BY", 60),
                Table.column("CANCELLED", 90), Table.column("REASON", 80));
        for (RecordedWindow window : windows) {
            BreakGlassWindow planned = window.planned();
            table.add(planned.id(), planned.accountId(), state(window, now), planned.from().toString(), planned.until().toString(),
                    orNone(planned.createdBy()),
                    window.cancellation().map(c -> c.at() + " by " + orNone(c.by())).orElse("-"),
                    planned.reason());
        }
        table.print(out);
        out.flush();
    }

    private void facts(RecordedWindow window) {
        BreakGlassWindow planned = window.planned();
        out.println("  account    " + planned.accountId());
        out.println("  from       " + planned.from());
        out.println("  until      " + planned.until());
        out.println("  reason     " + DisplayText.safe(planned.reason()));
        out.println("  who        " + DisplayText.safe(orNone(planned.createdBy())));
    }

    private void line(RecordedWindow window, Instant now) {
        BreakGlassWindow planned = window.planned();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", planned.id());
        node.put("accountId", planned.accountId());
        node.put("state", state(window, now));
        node.put("from", planned.from().toString());
        node.put("until", planned.until().toString());
        node.put("reason", planned.reason());
        put(node, "openedBy", Optional.of(planned.createdBy()).filter(by -> !by.isEmpty()));
        put(node, "openedAt", window.openedAt().map(Instant::toString));
        put(node, "cancelledAt", window.cancellation().map(c -> c.at().toString()));
        put(node, "cancelledBy", window.cancellation().map(RecordedWindow.Cancellation::by));
        try {
            out.println(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a JSON tree Jackson built itself", e);
        }
        out.flush();
    }

    private static void put(ObjectNode node, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> node.put(field, v), () -> node.putNull(field));
    }

    private static String state(RecordedWindow window, Instant now) {
        return window.state(now).name().toLowerCase(Locale.ROOT);
    }

    private static String orNone(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
