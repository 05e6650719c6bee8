package io.rootwatch.cli;

import io.rootwatch.cli.catalog.TaskTables;
import io.rootwatch.detect.TaskCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "tasks",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Lists AWS's tasks that require root user credentials, as rootwatch recognises them,"
                + " with the CloudTrail events that record each.",
                "",
                "README.md embeds the --markdown table between its tasks:begin and tasks:end markers."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  rootwatch tasks",
                "  rootwatch tasks --markdown"})
final class TasksCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--markdown", description = "Print a Markdown table: task id | task | root only | CloudTrail events.")
    private boolean markdown;

    @Override
    public Integer call() {
        var tasks = TaskCatalog.bundled().tasks();
        spec.commandLine().getOut().print(markdown ? TaskTables.markdown(tasks) : TaskTables.text(tasks));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
