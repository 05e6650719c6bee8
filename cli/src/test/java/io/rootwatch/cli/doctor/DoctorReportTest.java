package io.rootwatch.cli.doctor;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The table a failing run prints: aligned columns, one line per finding, a summary naming the exit status. */
class DoctorReportTest {
    private static final List<Finding> FINDINGS = List.of(
            Finding.pass("trail", "111122223333", "trail org: multi-region, logging, management events read+write"),
            Finding.warn("stack-set", "111122223333/us-east-1", "no StackSet rootwatch-forwarders here"),
            Finding.fail("forwarder-rule", "222233334444/eu-west-1", "rootwatch-root-activity-forwarder is missing"));

    @Test
    void aFailingRunMatchesTheGoldenTable() throws IOException {
        StringWriter out = new StringWriter();
        DoctorReport.table(FINDINGS, new PrintWriter(out, true));

        try (InputStream golden = getClass().getResourceAsStream("/doctor/failing-report.txt")) {
            assertThat(out.toString()).isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void anAttackerControlledDetailCannotWriteTerminalControls() {
        StringWriter out = new StringWriter();
        DoctorReport.table(List.of(Finding.fail("alert-topic", "x", "topic \u001b[2J: no confirmed subscription")), new PrintWriter(out, true));

        assertThat(out.toString()).doesNotContain("\u001b");
    }
}
