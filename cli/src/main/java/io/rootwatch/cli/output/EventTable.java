package io.rootwatch.cli.output;

import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.Verdict;

import java.io.PrintWriter;

import static io.rootwatch.cli.output.DisplayText.orNone;
import static io.rootwatch.cli.output.Table.column;

final class EventTable implements ClassifiedEventPrinter {
    private final PrintWriter out;
    private final String whenEmpty;
    private final Table table = new Table(
            column("TIME", 24), column("ACCOUNT", 14), column("REGION", 16), column("EVENT", 48),
            column("CATEGORY", 24), column("TASK", 26), column("SEVERITY", 8), column("MFA", 3));

    EventTable(PrintWriter out, String whenEmpty) {
        this.out = out;
        this.whenEmpty = whenEmpty;
    }

    @Override
    public void print(ClassifiedEvent event) {
        CloudTrailRecord record = event.event().record();
        Verdict verdict = event.verdict();
        table.add(orNone(record.eventTime()), orNone(record.accountId()), orNone(record.awsRegion()),
                EventLabel.of(record.eventSource(), record.eventName()), verdict.category().name(),
                orNone(verdict.taskId()), verdict.severity().name(), DisplayText.yesNo(verdict.mfaUsed()));
    }

    @Override
    public void finish() {
        if (table.isEmpty()) {
            out.println(whenEmpty);
        } else {
            table.print(out);
        }
    }
}
