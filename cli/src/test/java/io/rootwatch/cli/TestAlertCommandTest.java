package io.rootwatch.cli;

import io.rootwatch.detect.RootActivityPattern;
import io.rootwatch.lambda.Outcome;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rootwatch test-alert puts an event that the deployed rule takes (moto_server's EventBridge, the
 * shared pattern) and that the detector alerts, marked as a test.
 */
@DummyCredentials
class TestAlertCommandTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private DetectorFixture detector;
    private SqsClient sqs;
    private String queueUrl;

    @BeforeEach
    void busWithTheRootActivityRule() throws Exception {
        detector = new DetectorFixture(MOTO);
        sqs = MOTO.sqs();
        queueUrl = sqs.createQueue(b -> b.queueName("event-queue")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        try (EventBridgeClient events = MOTO.eventBridge()) {
            events.createEventBus(b -> b.name("rootwatch-root-activity"));
            events.putRule(b -> b.name("root-activity").eventBusName("rootwatch-root-activity")
                    .eventPattern(RootActivityPattern.json()).state("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"));
            events.putTargets(b -> b.rule("root-activity").eventBusName("rootwatch-root-activity")
                    .targets(t -> t.id("queue").arn(queueArn)));
        }
    }

    @Test
    void theTestEventTakesTheRuleAndTheDetectorAlertsItAsAPlannedTest() throws Exception {
        Rootwatch.Run run = Rootwatch.run("test-alert", "--region", "us-east-1", "--endpoint-url", MOTO.endpoint().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("sent test event");
        List<Message> delivered = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
        assertThat(delivered).hasSize(1);

        var processed = detector.detector().process(delivered.getFirst().body());

        assertThat(processed).singleElement().extracting(p -> p.outcome()).isEqualTo(Outcome.ALERTED);
        assertThat(detector.inbox.notifications().getFirst().path("Subject").asText())
                .contains("RootwatchTestAlert").contains("planned");
    }

    @Test
    void anUnknownBusIsAnError() {
        Rootwatch.Run run = Rootwatch.run("test-alert", "--region", "us-east-1", "--endpoint-url", MOTO.endpoint().toString(),
                "--bus", "no-such-bus", "--account", "111122223333");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("rootwatch test-alert:");
    }
}
