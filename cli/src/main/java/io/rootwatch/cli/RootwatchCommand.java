package io.rootwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** The {@code rootwatch} command: its subcommands do the work. */
@Command(name = "rootwatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Detects AWS account root-user activity. Offline, with no AWS account: classify CloudTrail events, scan"
                + " archives on disk, replay the samples through the deployed pattern, list the task catalog and the severity"
                + " rules. With your AWS credentials: scan archives in S3 or with Athena, query and report on the audit table,"
                + " plan root use, and check or exercise a deployment."},
        subcommands = {ClassifyCommand.class, ReplayCommand.class, TasksCommand.class, SeveritiesCommand.class,
                ScanCommand.class, QueryCommand.class, ReportCommand.class, ExpectCommand.class, TestAlertCommand.class,
                RedriveCommand.class, DoctorCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  rootwatch replay                         check events-samples/ end to end",
                "  rootwatch classify trail.json.gz         classify a CloudTrail log file",
                "  rootwatch scan s3://trail/AWSLogs/ --since 30d   root events of an archive",
                "  rootwatch query --since 7d               root events recorded this week",
                "  rootwatch report --since 30d --format html -o root-activity.html",
                "  rootwatch expect --account 111122223333 --for 2h --reason \"CHG-1234\"",
                "  rootwatch doctor --profile security      check a deployment",
                "  rootwatch test-alert --profile security  send a marked test alert",
                "  rootwatch redrive --from DLQ_URL --to QUEUE_URL",
                "  rootwatch COMMAND --help                 help on one command"})
public final class RootwatchCommand implements Callable<Integer> {
    private final InputStream stdin;

    @Spec
    private CommandSpec spec;

    public RootwatchCommand() {
        this(System.in);
    }

    /** A command that reads {@code -} from the given stream instead of the process's standard input. */
    public RootwatchCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    InputStream stdin() {
        return stdin;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: see the list of commands below");
    }

    public static void main(String[] args) {
        // Buffered, flushed by the commands after each input: printing a large classification line
        // by line through an auto-flushing writer is mostly system calls.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status = new CommandLine(new RootwatchCommand()).setOut(out).setErr(err).execute(args);
        out.flush();
        System.exit(status);
    }
}
