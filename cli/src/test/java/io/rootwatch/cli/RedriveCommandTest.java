package io.rootwatch.cli;

import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** rootwatch redrive moves dead-lettered events back to the event queue, against moto_server's SQS. */
@DummyCredentials
class RedriveCommandTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private SqsClient sqs;
    private String deadLetters;
    private String events;

    @BeforeEach
    void twoQueues() throws Exception {
        MOTO.reset();
        sqs = MOTO.sqs();
        deadLetters = sqs.createQueue(b -> b.queueName("dead-letters")).queueUrl();
        events = sqs.createQueue(b -> b.queueName("events")).queueUrl();
    }

    private void deadLetter(int count) {
        for (int i = 0; i < count; i++) {
            String body = "{\"id\":\"event-" + i + "\"}";
            sqs.sendMessage(b -> b.queueUrl(deadLetters).messageBody(body).messageAttributes(Map.of("ERROR_CODE",
                    MessageAttributeValue.builder().dataType("String").stringValue("SQSEventSourceFailure").build())));
        }
    }

    private Rootwatch.Run redrive(String... more) {
        List<String> args = new ArrayList<>(List.of("redrive", "--region", "us-east-1", "--endpoint-url", MOTO.endpoint().toString(),
                "--from", deadLetters, "--to", events));
        args.addAll(List.of(more));
        return Rootwatch.run(args.toArray(String[]::new));
    }

    private List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        }
    }

    @Test
    void movesEveryDeadLetteredEventToTheEventQueueAndEmptiesTheDeadLetterQueue() {
        deadLetter(25);

        Rootwatch.Run run = redrive();

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("moved 25 messages");
        List<Message> moved = drain(events);
        Set<String> bodies = new HashSet<>();
        moved.forEach(m -> bodies.add(m.body()));
        assertThat(bodies).hasSize(25).contains("{\"id\":\"event-0\"}", "{\"id\":\"event-24\"}");
        assertThat(moved.getFirst().messageAttributes()).containsKey("ERROR_CODE");
        assertThat(drain(deadLetters)).isEmpty();
    }

    @Test
    void movesAtMostTheGivenNumber() {
        deadLetter(12);

        assertThat(redrive("--max", "5").out()).contains("moved 5 messages");
        assertThat(drain(events)).hasSize(5);
        assertThat(drain(deadLetters)).hasSize(7);
    }

    @Test
    void aDryRunOnlyCountsWhatWaits() {
        deadLetter(3);

        Rootwatch.Run run = redrive("--dry-run");

        assertThat(run.out()).contains("3 messages wait");
        assertThat(drain(events)).isEmpty();
    }

    @Test
    void anUnknownQueueIsAnErrorNotAnEmptySuccess() {
        Rootwatch.Run run = Rootwatch.run("redrive", "--region", "us-east-1", "--endpoint-url", MOTO.endpoint().toString(),
                "--from", MOTO.endpoint() + "/123456789012/no-such-queue", "--to", events);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("rootwatch redrive:");
    }
}
