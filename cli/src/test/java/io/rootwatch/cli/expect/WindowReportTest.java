package io.rootwatch.cli.expect;

import io.rootwatch.audit.RecordedWindow;
import io.rootwatch.detect.BreakGlassWindow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What rootwatch expect prints, compared with the golden files under src/test/resources/expect/;
 * after a deliberate change, rewrite them with
 * {@code ./build -q -pl cli -am test -Dtest=WindowReportTest -Dsurefire.failIfNoSpecifiedTests=false -Drootwatch.updateGolden=true}
 * and review the diff.
 */
class WindowReportTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "expect");
    private static final boolean UPDATE = Boolean.getBoolean("rootwatch.updateGolden");
    private static final Instant NOW = Instant.parse("2026-11-29T11:10:00Z");

    private static final RecordedWindow OPEN = new RecordedWindow(new BreakGlassWindow("bgw-xpbxmvqkcq", "111122223333",
            Instant.parse("2026-11-29T11:07:38Z"), Instant.parse("2026-11-29T13:07:38Z"), "rotate the root MFA device, CHG-1234",
            "arn:aws:sts::111122223333:assumed-role/SecurityAdmin/alice"), Optional.of(Instant.parse("2026-11-29T11:07:38Z")),
            Optional.empty());
    private static final RecordedWindow UPCOMING = new RecordedWindow(new BreakGlassWindow("bgw-4yz9axingm", "444455556666",
            Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T10:30:00Z"), "close the account, CHG-1301",
            "arn:aws:sts::111122223333:assumed-role/SecurityAdmin/bob"), Optional.of(Instant.parse("2026-11-29T11:07:45Z")),
            Optional.empty());
    private static final RecordedWindow CANCELLED = new RecordedWindow(new BreakGlassWindow("bgw-q35fmecvu4", "777788889999",
            Instant.parse("2026-11-29T11:07:51Z"), Instant.parse("2026-11-29T11:37:51Z"), "unlock the S3 bucket policy, INC-881",
            "arn:aws:sts::111122223333:assumed-role/SecurityAdmin/alice"), Optional.of(Instant.parse("2026-11-29T11:07:51Z")),
            Optional.of(new RecordedWindow.Cancellation(Instant.parse("2026-11-29T11:09:03Z"),
                    "arn:aws:sts::111122223333:assumed-role/SecurityAdmin/bob")));
    /** A window written by hand: no author, no opening time; a reason that tries to move the cursor. */
    private static final RecordedWindow ENDED = new RecordedWindow(new BreakGlassWindow("manual-1", "111122223333",
            Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-20T09:00:00Z"), "support case \u001b[2J 1234", ""),
            Optional.empty(), Optional.empty());

    private static String printed(boolean json, Consumer<WindowReport> printing) {
        StringWriter out = new StringWriter();
        printing.accept(new WindowReport(new PrintWriter(out, true), json));
        return out.toString();
    }

    private static void assertGolden(String file, String actual) throws IOException {
        Path golden = GOLDEN.resolve(file);
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file %s is missing: run with -Drootwatch.updateGolden=true", golden).exists();
        assertThat(actual).as("%s differs from its golden file", golden).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void anOpenedWindowIsShownWithItsFactsAndWhatTheDetectorWillDo() throws IOException {
        assertGolden("opened.txt", printed(false, report -> report.opened(OPEN, NOW)));
    }

    @Test
    void aCancelledWindowIsShownWithWhoEndedItAndWhen() throws IOException {
        assertGolden("cancelled.txt", printed(false, report -> report.cancelled(CANCELLED, NOW)));
    }

    @Test
    void theListIsATableOneWindowPerRowWithItsState() throws IOException {
        assertGolden("list-all.txt", printed(false, report -> report.list(List.of(ENDED, OPEN, CANCELLED, UPCOMING), NOW, true)));
    }

    @Test
    void theJsonListHasOneObjectPerWindowWithNullsForWhatDoesNotApply() throws IOException {
        assertGolden("list-all.jsonl", printed(true, report -> report.list(List.of(ENDED, OPEN, CANCELLED, UPCOMING), NOW, true)));
    }

    @Test
    void anOpenedWindowInJsonIsOneLine() {
        assertThat(printed(true, report -> report.opened(OPEN, NOW)).lines()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("{\"id\":\"bgw-xpbxmvqkcq\"").contains("\"state\":\"open\""));
    }
}
