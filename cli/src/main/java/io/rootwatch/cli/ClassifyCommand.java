package io.rootwatch.cli;

import io.rootwatch.cli.input.Document;
import io.rootwatch.cli.input.Input;
import io.rootwatch.cli.input.InputContents;
import io.rootwatch.cli.input.InputReader;
import io.rootwatch.cli.input.InputSelection;
import io.rootwatch.cli.input.Problem;
import io.rootwatch.cli.output.ClassifiedEvent;
import io.rootwatch.cli.output.ClassifiedEventPrinter;
import io.rootwatch.cli.output.DisplayText;
import io.rootwatch.detect.EventUnwrapper;
import io.rootwatch.detect.InputEvent;
import io.rootwatch.detect.RootActivityClassifier;
import io.rootwatch.detect.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "classify",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Classifies CloudTrail events: is each one root activity, of what kind, which root task, how severe.",
                "",
                "Each input may hold a CloudTrail record, an EventBridge event, a CloudTrail log file ({\"Records\":[...]}),"
                        + " a JSON array of those, or JSON Lines (one value a line), gzip-compressed or not.",
                "Unreadable inputs are reported on stderr as PATH[:LINE]: message; the other inputs are still classified.",
                "",
                "Exit status: 0 when every input was read, 1 when any could not be, 2 for a usage error."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  rootwatch classify events-samples",
                "  rootwatch classify 111122223333_CloudTrail_us-east-1_20250101T0000Z.json.gz",
                "  rootwatch classify --root-only --json logs/ | jq -r .headline",
                "  aws s3 cp s3://my-trail/AWSLogs/.../x.json.gz - | rootwatch classify -"})
final class ClassifyCommand implements Callable<Integer> {
    @ParentCommand
    private RootwatchCommand rootwatch;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "A file (read whatever its name), a directory (walked recursively for files named .json, .jsonl,"
                    + " .ndjson or .gz) or - for the standard input.")
    private List<String> paths;

    @Option(names = "--json", description = "Print one JSON object per event and line instead of a table.")
    private boolean json;

    @Option(names = "--root-only", description = "Print only root activity: leave out events of category NOT_ROOT.")
    private boolean rootOnly;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RootActivityClassifier classifier = RootActivityClassifier.withBundledCatalog();
        InputReader reader = new InputReader(rootwatch.stdin());
        ClassifiedEventPrinter printer = json ? ClassifiedEventPrinter.jsonLines(out)
                : ClassifiedEventPrinter.table(out, rootOnly ? "No root activity found." : "No events found.");

        InputSelection.Selected selected = InputSelection.of(paths);
        boolean failed = report(selected.problems(), err);
        for (Input input : selected.inputs()) {
            InputContents contents = reader.read(input);
            failed |= report(contents.problems(), err);
            for (Document document : contents.documents()) {
                EventUnwrapper.Unwrapped unwrapped = EventUnwrapper.unwrap(document.json());
                failed |= report(unwrapped.problems().stream().map(document::problem).toList(), err);
                for (InputEvent event : unwrapped.events()) {
                    Verdict verdict = classifier.classify(event.record());
                    if (!rootOnly || verdict.isRootActivity()) {
                        printer.print(new ClassifiedEvent(document, event, verdict));
                    }
                }
            }
            // A closed standard output (rootwatch classify ... | head) means nobody reads the rest.
            if (out.checkError()) {
                break;
            }
        }
        printer.finish();
        out.flush();
        return failed ? 1 : 0;
    }

    private static boolean report(List<Problem> problems, PrintWriter err) {
        problems.forEach(problem -> err.println(DisplayText.safe(problem.describe())));
        err.flush();
        return !problems.isEmpty();
    }
}
