package io.rootwatch.cli;

import io.rootwatch.cli.aws.AwsOptions;
import io.rootwatch.cli.doctor.AlertTopicCheck;
import io.rootwatch.cli.doctor.Check;
import io.rootwatch.cli.doctor.DeadLetterCheck;
import io.rootwatch.cli.doctor.DeploymentDiscovery;
import io.rootwatch.cli.doctor.DoctorReport;
import io.rootwatch.cli.doctor.Finding;
import io.rootwatch.cli.doctor.ForwarderRuleCheck;
import io.rootwatch.cli.doctor.HeartbeatCheck;
import io.rootwatch.cli.doctor.OrganizationCoverageCheck;
import io.rootwatch.cli.doctor.StackSetCheck;
import io.rootwatch.cli.doctor.Status;
import io.rootwatch.cli.doctor.TrailCheck;
import io.rootwatch.cli.doctor.Visits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

@Command(name = "doctor",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Checks a deployment the way a skeptical auditor would, with your credentials: a multi-region trail"
                + " logging management events; the forwarder rule in every region of every account (the central rules in"
                + " the home region); empty dead-letter queues (the central stack's, and every forwarder's); the StackSet's"
                + " auto-deployment and instances; an instance in every region for every active account of the organization"
                + " (organizations:ListAccounts); confirmed alert subscriptions; a self-test in the last 26 hours.",
                "",
                "Accounts and regions are visited --parallel at a time; the report is in the same order at any parallelism.",
                "",
                "A check that cannot run (no permission, service unavailable) fails with the reason: it never passes silently.",
                "",
                "Exit status: 0 when no check failed (warnings allowed), 1 when one did, 2 on a usage error."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  rootwatch doctor --profile security --region us-east-1",
                "  rootwatch doctor --profile security --accounts 222233334444,444455556666 --role-name rootwatch-doctor",
                "  rootwatch doctor --profile management --stack-set rootwatch-forwarders --role-name rootwatch-doctor --json"})
final class DoctorCommand implements Callable<Integer> {
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-[0-9]");

    enum CallAs { SELF, DELEGATED_ADMIN }

    @Spec
    private CommandSpec spec;

    @Mixin
    private AwsOptions aws;

    @Option(names = "--stack", paramLabel = "NAME", defaultValue = "Rootwatch",
            description = "The central stack, whose outputs name the topic, table, bus and queue (default: ${DEFAULT-VALUE}).")
    private String stack;

    @Option(names = "--regions", paramLabel = "REGION", split = ",",
            description = "Regions the forwarders must cover (default: the StackSet's regions, else the 17 enabled by default;"
                    + " us-east-1 and the home region always).")
    private List<String> regions = new ArrayList<>();

    @Option(names = "--accounts", paramLabel = "ID", split = ",",
            description = "Member accounts whose trail and forwarders to check through --role-name (default: the StackSet's accounts).")
    private List<String> accounts = new ArrayList<>();

    @Option(names = "--role-name", paramLabel = "NAME", description = "A read-only role in each member account that doctor assumes.")
    private String roleName;

    @Option(names = "--stack-set", paramLabel = "NAME",
            description = "The forwarders' StackSet (default: rootwatch-forwarders; a missing default is a warning, a missing named one fails).")
    private String stackSet;

    @Option(names = "--call-as", paramLabel = "SELF|DELEGATED_ADMIN", defaultValue = "SELF",
            description = "Read the StackSet as its administrator account (SELF) or as a delegated administrator (default: ${DEFAULT-VALUE}).")
    private CallAs callAs;

    @Option(names = "--json", description = "One JSON object per check and scope, per line.")
    private boolean json;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "16",
            description = "How many accounts and regions to visit at a time (default: ${DEFAULT-VALUE}; 1 visits one after another).")
    private int parallel;

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Finding> findings;
        try (Visits visits = new Visits(parallel)) {
            DeploymentDiscovery.Discovered discovered;
            try {
                discovered = new DeploymentDiscovery(aws, visits).discover(new DeploymentDiscovery.Request(stack, regions, accounts,
                        Optional.ofNullable(roleName), Optional.ofNullable(stackSet), callAs.name()));
            } catch (SdkException e) {
                err.println("rootwatch doctor: cannot identify the caller (sts:GetCallerIdentity): " + e.getMessage());
                err.flush();
                return 1;
            }
            findings = new ArrayList<>(discovered.findings());
            for (Check check : List.of(new TrailCheck(visits), new StackSetCheck(), new OrganizationCoverageCheck(),
                    new ForwarderRuleCheck(visits),
                    new DeadLetterCheck(visits), new AlertTopicCheck(), new HeartbeatCheck(Clock.systemUTC()))) {
                findings.addAll(check.run(discovered.deployment()));
            }
        }
        if (json) {
            DoctorReport.jsonLines(findings, out);
        } else {
            DoctorReport.table(findings, out);
        }
        out.flush();
        return findings.stream().anyMatch(f -> f.status() == Status.FAIL) ? 1 : 0;
    }

    private void validate() {
        accounts.stream().filter(a -> !ACCOUNT_ID.matcher(a).matches()).findFirst().ifPresent(bad -> {
            throw new CommandLine.ParameterException(spec.commandLine(), "--accounts takes 12-digit account ids, got: " + bad);
        });
        regions.stream().filter(r -> !REGION.matcher(r).matches()).findFirst().ifPresent(bad -> {
            throw new CommandLine.ParameterException(spec.commandLine(), "--regions takes AWS regions such as eu-west-1, got: " + bad);
        });
        if (parallel < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--parallel takes a number of at least 1, got: " + parallel);
        }
        if (!accounts.isEmpty() && roleName == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--accounts needs --role-name: doctor reaches other accounts only through a role in them");
        }
    }
}
