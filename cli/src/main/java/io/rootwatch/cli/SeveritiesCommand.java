package io.rootwatch.cli;

import io.rootwatch.cli.catalog.SeverityTables;
import io.rootwatch.detect.SeverityPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "severities",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Lists the severity rules in the order they are tried: the first rule that holds for an event"
                + " decides its severity.",
                "",
                "README.md embeds the --markdown table between its severities:begin and severities:end markers."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  rootwatch severities",
                "  rootwatch severities --markdown"})
final class SeveritiesCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--markdown", description = "Print a Markdown table: # | severity | when.")
    private boolean markdown;

    @Override
    public Integer call() {
        var rules = SeverityPolicy.rules();
        spec.commandLine().getOut().print(markdown ? SeverityTables.markdown(rules) : SeverityTables.text(rules));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
