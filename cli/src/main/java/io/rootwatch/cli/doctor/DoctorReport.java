package io.rootwatch.cli.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.cli.output.Table;

import java.io.PrintWriter;
import java.util.List;

import static io.rootwatch.cli.output.Table.column;

/** The findings as a table with a summary line, or as JSON Lines (one finding per line). */
public final class DoctorReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DoctorReport() {
    }

    /** Room for a whole redrive command: two queue URLs of up to about 130 characters each, and the options. */
    static final int DETAIL_WIDTH = 1000;

    public static void table(List<Finding> findings, PrintWriter out) {
        Table table = new Table(column("CHECK", 25), column("SCOPE", 28), column("STATUS", 6), column("DETAIL", DETAIL_WIDTH));
        findings.forEach(f -> table.add(f.check(), f.scope(), f.status().name(), f.detail()));
        table.print(out);
        out.println();
        out.println(summary(findings));
    }

    public static void jsonLines(List<Finding> findings, PrintWriter out) {
        for (Finding finding : findings) {
            ObjectNode line = JSON.createObjectNode()
                    .put("check", finding.check())
                    .put("scope", finding.scope())
                    .put("status", finding.status().name())
                    .put("detail", finding.detail());
            out.println(line.toString());
        }
    }

    static String summary(List<Finding> findings) {
        long failed = count(findings, Status.FAIL);
        return findings.size() + " checks: " + count(findings, Status.PASS) + " passed, " + count(findings, Status.WARN) + " warnings, "
                + failed + " failed" + (failed == 0 ? "" : " (exit status 1)");
    }

    private static long count(List<Finding> findings, Status status) {
        return findings.stream().filter(f -> f.status() == status).count();
    }
}
