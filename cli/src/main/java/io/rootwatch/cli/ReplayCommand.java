package io.rootwatch.cli;

import io.rootwatch.cli.replay.Replay;
import io.rootwatch.cli.replay.ReplayReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "replay",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Replays sample EventBridge events through what production runs, with no AWS account and no network:"
                        + " the event pattern the stack deploys (evaluated by AWS's open-source event-ruler), then the classifier.",
                "",
                "Flags every root event the pattern does not match, every non-root event it does match, and, when DIR holds"
                        + " an expected.tsv (file, category, task, severity; TAB-separated), every verdict that differs from it"
                        + " and every sample file it has no line for.",
                "",
                "Exit status: 0 when nothing is flagged, 1 otherwise."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  rootwatch replay                        the repository's events-samples/",
                "  rootwatch replay my-samples/            your own EventBridge events"})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = "events-samples",
            description = "The samples directory, walked recursively (default: ${DEFAULT-VALUE}, in the current directory).")
    private Path directory;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(directory)) {
            spec.commandLine().getErr().println(directory + ": no such directory (run rootwatch replay from the repository root,"
                    + " or name the samples directory)");
            return 1;
        }
        ReplayReport report = new Replay().run(directory);
        report.print(out);
        out.flush();
        return report.isClean() ? 0 : 1;
    }
}
