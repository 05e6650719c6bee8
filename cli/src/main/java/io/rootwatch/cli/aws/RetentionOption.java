package io.rootwatch.cli.aws;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;

/**
 * How long what a command writes into the audit table is kept, for the commands that write: the
 * CLI cannot see the stack's setting, so it is given here, with the stack's default.
 */
public final class RetentionOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--retention-days", paramLabel = "DAYS", defaultValue = "400",
            description = "How long written items are kept, as the stack's rootwatch:retentionDays; 0 keeps them forever (default: ${DEFAULT-VALUE}).")
    private int retentionDays;

    public Duration retention() {
        if (retentionDays < 0) {
            throw new ParameterException(mixee.commandLine(), "--retention-days: 0 or more");
        }
        return Duration.ofDays(retentionDays);
    }

    /** The days as the detector's configuration takes them. */
    public String days() {
        return Long.toString(retention().toDays());
    }
}
