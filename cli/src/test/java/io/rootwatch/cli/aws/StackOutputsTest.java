package io.rootwatch.cli.aws;

import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Commands find the audit table through the central stack's outputs when no --table is given. */
@DummyCredentials
class StackOutputsTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String TEMPLATE = """
            {"Resources": {"Alerts": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "alerts"}}},
             "Outputs": {"AuditTableName": {"Value": "Rootwatch-AuditTable-1A2B3C"},
                         "AlertTopicArn": {"Value": {"Ref": "Alerts"}}}}""";

    @BeforeAll
    static void centralStack() {
        try (var cloudFormation = MotoAws.options(MOTO).cloudFormation()) {
            cloudFormation.createStack(b -> b.stackName("Rootwatch").templateBody(TEMPLATE));
        }
    }

    @Test
    void theTableIsTheStacksAuditTableNameOutput() {
        assertThat(tableName()).isEqualTo("Rootwatch-AuditTable-1A2B3C");
    }

    @Test
    void anExplicitTableNeedsNoStack() {
        assertThat(tableName("--table", "my-table", "--stack", "NoSuchStack")).isEqualTo("my-table");
    }

    @Test
    void aStackWithoutTheOutputIsNamedInTheError() {
        try (var cloudFormation = MotoAws.options(MOTO).cloudFormation()) {
            StackOutputs outputs = StackOutputs.of(cloudFormation, "Rootwatch");
            assertThat(outputs.require(StackOutputs.ALERT_TOPIC_ARN)).endsWith(":alerts");
            assertThatThrownBy(() -> outputs.require("EventQueueUrl"))
                    .hasMessageContaining("stack Rootwatch has no output EventQueueUrl");
        }
    }

    private static String tableName(String... arguments) {
        AuditTableOptions table = new AuditTableOptions();
        new CommandLine(table).parseArgs(arguments);
        return table.tableName(MotoAws.options(MOTO));
    }
}
