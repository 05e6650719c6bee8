package io.rootwatch.cli.aws;

import picocli.CommandLine.Option;

/** Which audit table a command reads or writes: named directly, or found in the central stack's outputs. */
public final class AuditTableOptions {
    @Option(names = "--table", paramLabel = "NAME", description = "The audit table (default: the AuditTableName output of the --stack).")
    private String table;

    @Option(names = "--stack", paramLabel = "NAME", defaultValue = "Rootwatch",
            description = "The rootwatch central stack whose outputs name the table (default: ${DEFAULT-VALUE}).")
    private String stack;

    /** Another output of the same stack, such as {@link StackOutputs#ALERT_TOPIC_ARN}. */
    public String stackOutput(AwsOptions aws, String key) {
        try (var cloudFormation = aws.cloudFormation()) {
            return StackOutputs.of(cloudFormation, stack).require(key);
        }
    }

    public String tableName(AwsOptions aws) {
        if (table != null) {
            return table;
        }
        try (var cloudFormation = aws.cloudFormation()) {
            return StackOutputs.of(cloudFormation, stack).require(StackOutputs.AUDIT_TABLE_NAME);
        }
    }
}
