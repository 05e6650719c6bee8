package io.rootwatch.cli.scan;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** On a terminal, scan rewrites one progress line in place and leaves the line clean when it ends. */
class ProgressBarTest {

    @Test
    void theLineShowsFilesMegabytesEventsRootEventsAndRate() throws Exception {
        StringWriter terminal = new StringWriter();
        ScanStatistics statistics = new ScanStatistics();
        statistics.read(1_000_000, 12_500_000, 40_000);
        statistics.read(1_000_000, 12_500_000, 40_000);
        statistics.rootEvent();

        try (ProgressBar progress = ProgressBar.start(new PrintWriter(terminal), statistics)) {
            awaitDrawn(terminal);
        }

        String drawn = terminal.toString();
        assertThat(drawn).startsWith("\r\033[K").contains("scanning: 2 files  25.0 MB  80,000 events  1 root  ").contains(" MB/s");
    }

    @Test
    void closingClearsTheLineForTheSummary() throws Exception {
        StringWriter terminal = new StringWriter();

        try (ProgressBar progress = ProgressBar.start(new PrintWriter(terminal), new ScanStatistics())) {
            awaitDrawn(terminal);
        }

        assertThat(terminal.toString()).endsWith("MB/s\r\033[K");
    }

    private static void awaitDrawn(StringWriter terminal) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(5));
        while (!terminal.toString().contains("MB/s") && Instant.now().isBefore(giveUp)) {
            Thread.sleep(20);
        }
    }
}
