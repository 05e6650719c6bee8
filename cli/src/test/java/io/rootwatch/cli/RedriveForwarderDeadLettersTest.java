package io.rootwatch.cli;

import io.rootwatch.deployment.DeploymentNames;
import io.rootwatch.lambda.ProcessedEvent;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.FaultyEndpoint;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rootwatch redrive moves a forwarder's dead letters, in a member account and another region,
 * to the central account's event queue, against moto_server (which keeps each account's and
 * region's queues apart, the account following the credentials of an assumed role).
 */
@DummyCredentials
class RedriveForwarderDeadLettersTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String CENTRAL = "123456789012";
    private static final String MEMBER = "222233334444";
    private static final Region FORWARDER_REGION = Region.EU_WEST_1;
    private static final String ROLE_ARN = "arn:aws:iam::" + MEMBER + ":role/rootwatch-redrive";
    /** The queues as AWS names them: the region is in the URL, and redrive must take it from there. */
    private static final String DEAD_LETTERS = "https://sqs.eu-west-1.amazonaws.com/" + MEMBER + "/"
            + DeploymentNames.FORWARDER_DEAD_LETTER_QUEUE;
    private static final String EVENT_QUEUE = "https://sqs.us-east-1.amazonaws.com/" + CENTRAL + "/Rootwatch-EventQueue";
    /** Root events as the member's default bus in eu-west-1 has them, which the forwarder failed to put on the central bus. */
    private static final List<String> EVENTS = List.of(
            forwarderEvent("api-root-stop-logging.json"),
            forwarderEvent("api-root-list-users.json"),
            forwarderEvent("signin-root-checkmfa-success.json"));

    private DetectorFixture detector;
    private AwsCredentialsProvider member;
    private SqsClient memberSqs;
    private SqsClient centralSqs;

    private static String forwarderEvent(String sample) {
        return DetectorFixture.sample(sample, "account", MEMBER, "region", FORWARDER_REGION.id(),
                "detail.awsRegion", FORWARDER_REGION.id(), "detail.recipientAccountId", MEMBER);
    }

    @BeforeEach
    void forwarderDeadLettersAndTheCentralEventQueue() throws IOException {
        detector = new DetectorFixture(MOTO);
        member = assumed(ROLE_ARN);
        memberSqs = sqs(member, FORWARDER_REGION);
        centralSqs = MOTO.sqs();
        memberSqs.createQueue(b -> b.queueName(DeploymentNames.FORWARDER_DEAD_LETTER_QUEUE));
        centralSqs.createQueue(b -> b.queueName("Rootwatch-EventQueue"));
        EVENTS.forEach(this::deadLetter);
    }

    private static AwsCredentialsProvider assumed(String roleArn) {
        try (StsClient sts = StsClient.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
            Credentials c = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("fixture")).credentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
        }
    }

    private static SqsClient sqs(AwsCredentialsProvider as, Region region) {
        return SqsClient.builder().endpointOverride(MOTO.endpoint()).region(region).credentialsProvider(as)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** A dead letter as EventBridge writes it: the event as the body, and the attributes the EventBridge User Guide lists. */
    private void deadLetter(String event) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("RULE_ARN", text("arn:aws:events:eu-west-1:" + MEMBER + ":rule/" + DeploymentNames.FORWARDER_RULE));
        attributes.put("TARGET_ARN", text("arn:aws:events:us-east-1:" + CENTRAL + ":event-bus/" + DeploymentNames.CENTRAL_BUS));
        attributes.put("ERROR_CODE", text("NO_PERMISSIONS"));
        attributes.put("ERROR_MESSAGE", text("Not authorized to put events on the target event bus"));
        attributes.put("EXHAUSTED_RETRY_CONDITION", text("MaximumEventAgeInSeconds"));
        attributes.put("RETRY_ATTEMPTS", text("185"));
        memberSqs.sendMessage(b -> b.queueUrl(DEAD_LETTERS).messageBody(event).messageAttributes(attributes));
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static Rootwatch.Run redrive(String endpoint, String... more) {
        List<String> args = new ArrayList<>(List.of("redrive", "--region", "us-east-1", "--endpoint-url", endpoint));
        args.addAll(List.of(more));
        return Rootwatch.run(args.toArray(String[]::new));
    }

    private static Rootwatch.Run redriveAsMember(String... more) {
        List<String> args = new ArrayList<>(List.of("--from", DEAD_LETTERS, "--from-role-arn", ROLE_ARN, "--to", EVENT_QUEUE));
        args.addAll(List.of(more));
        return redrive(MOTO.endpoint().toString(), args.toArray(String[]::new));
    }

    private static List<Message> drain(SqsClient sqs, String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).messageAttributeNames("All"))
                    .messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        }
    }

    /** Waiting and in flight: a message received but not deleted is still in the queue. */
    private int messagesIn(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Test
    void movesEveryEventUnchangedFromTheMembersRegionToTheCentralEventQueueAndEmptiesTheDeadLetterQueue() {
        Rootwatch.Run run = redriveAsMember();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("moved 3 messages from " + DEAD_LETTERS + " to " + EVENT_QUEUE);
        List<Message> moved = drain(centralSqs, EVENT_QUEUE);
        assertThat(moved).extracting(Message::body).containsExactlyInAnyOrderElementsOf(EVENTS);
        assertThat(moved).allSatisfy(m -> assertThat(m.messageAttributes()).containsKeys("RULE_ARN", "TARGET_ARN", "ERROR_CODE",
                "ERROR_MESSAGE", "EXHAUSTED_RETRY_CONDITION", "RETRY_ATTEMPTS"));
        assertThat(messagesIn(memberSqs, DEAD_LETTERS)).isZero();
    }

    @Test
    void theDetectorRecordsAndAlertsAMovedEvent() throws Exception {
        redriveAsMember();
        List<Message> moved = drain(centralSqs, EVENT_QUEUE);
        Message stopLogging = moved.stream().filter(m -> m.body().equals(EVENTS.getFirst())).findFirst().orElseThrow();

        List<ProcessedEvent> processed = detector.detector().process(stopLogging.body());

        assertThat(processed).hasSize(1);
        assertThat(detector.event(DetectorFixture.eventIdOf(EVENTS.getFirst()))).isPresent();
        assertThat(detector.inbox.alerts()).hasSize(1);
    }

    @Test
    void anEmulatorsUrlNamesNoRegionAndTakesFromRegion() {
        String emulatorUrl = MOTO.endpoint() + "/" + MEMBER + "/" + DeploymentNames.FORWARDER_DEAD_LETTER_QUEUE;

        Rootwatch.Run run = redrive(MOTO.endpoint().toString(), "--from", emulatorUrl, "--from-region", "eu-west-1",
                "--from-role-arn", ROLE_ARN, "--to", EVENT_QUEUE);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(drain(centralSqs, EVENT_QUEUE)).hasSize(3);
    }

    @Test
    void aFromRegionThatContradictsTheUrlIsAUsageError() {
        Rootwatch.Run run = redriveAsMember("--from-region", "us-east-1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--from-region us-east-1 contradicts the dead-letter queue's URL, which is in eu-west-1");
        assertThat(messagesIn(memberSqs, DEAD_LETTERS)).isEqualTo(3);
    }

    @Test
    void aFailedSendLeavesEveryDeadLetterInItsQueue() throws IOException {
        try (FaultyEndpoint central = new FaultyEndpoint(MOTO.endpoint())) {
            central.onlyIn("us-east-1");
            central.mode(FaultyEndpoint.Mode.UNAVAILABLE);

            Rootwatch.Run run = redrive(central.endpoint().toString(), "--from", DEAD_LETTERS, "--from-role-arn", ROLE_ARN,
                    "--to", EVENT_QUEUE);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("rootwatch redrive:");
            assertThat(central.refused()).isPositive();
        }
        assertThat(messagesIn(memberSqs, DEAD_LETTERS)).isEqualTo(3);
        assertThat(messagesIn(centralSqs, EVENT_QUEUE)).isZero();
    }

    @Test
    void aDryRunCountsTheForwardersDeadLettersAndMovesNothing() {
        Rootwatch.Run run = redriveAsMember("--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 messages wait in " + DEAD_LETTERS);
        assertThat(messagesIn(memberSqs, DEAD_LETTERS)).isEqualTo(3);
        assertThat(messagesIn(centralSqs, EVENT_QUEUE)).isZero();
    }

    @Test
    void movesAtMostTheGivenNumber() {
        assertThat(redriveAsMember("--max", "2").out()).contains("moved 2 messages");

        assertThat(messagesIn(centralSqs, EVENT_QUEUE)).isEqualTo(2);
        assertThat(messagesIn(memberSqs, DEAD_LETTERS)).isEqualTo(1);
    }

    @Test
    void theCallersOwnCredentialsDoNotReachAMemberAccountsQueue() {
        Rootwatch.Run run = redrive(MOTO.endpoint().toString(), "--from", DEAD_LETTERS, "--to", EVENT_QUEUE);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("rootwatch redrive:");
        assertThat(messagesIn(memberSqs, DEAD_LETTERS)).isEqualTo(3);
    }

    @Test
    void aProfileCanReadTheDeadLettersInsteadOfARole(@TempDir Path home) throws IOException {
        var credentials = (AwsSessionCredentials) member.resolveCredentials();
        Path file = Files.writeString(home.resolve("credentials"), """
                [forwarder-account]
                aws_access_key_id = %s
                aws_secret_access_key = %s
                aws_session_token = %s
                """.formatted(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
        System.setProperty("aws.sharedCredentialsFile", file.toString());
        try {
            Rootwatch.Run run = redrive(MOTO.endpoint().toString(), "--from", DEAD_LETTERS, "--from-profile", "forwarder-account",
                    "--to", EVENT_QUEUE);

            assertThat(run.exitCode()).as(run.err()).isZero();
        } finally {
            System.clearProperty("aws.sharedCredentialsFile");
        }
        assertThat(messagesIn(centralSqs, EVENT_QUEUE)).isEqualTo(3);
        assertThat(messagesIn(memberSqs, DEAD_LETTERS)).isZero();
    }

    @Test
    void aRoleAndAProfileForTheDeadLettersAreAUsageError() {
        Rootwatch.Run run = redriveAsMember("--from-profile", "forwarder-account");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive");
    }
}
