package io.rootwatch.cli.aws;

import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Redrive sends ten messages at a time and deletes only those the event queue took. moto_server
 * never refuses one entry of a batch, so the event queue's client here refuses the entry whose
 * body says so and passes the rest to moto: everything else is moto's.
 */
@DummyCredentials
class DeadLetterRedriveTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private SqsClient sqs;
    private String deadLetters;
    private String events;

    @BeforeEach
    void queues() throws Exception {
        MOTO.reset();
        sqs = MotoAws.options(MOTO).sqs();
        deadLetters = sqs.createQueue(b -> b.queueName("dead-letters")).queueUrl();
        events = sqs.createQueue(b -> b.queueName("events")).queueUrl();
    }

    @Test
    void aBatchMovesEveryMessageTheEventQueueTakes() {
        List.of("a", "b", "c").forEach(body -> sqs.sendMessage(b -> b.queueUrl(deadLetters).messageBody(body)));

        int moved = new DeadLetterRedrive(sqs, sqs).move(deadLetters, events, Integer.MAX_VALUE, count -> { });

        assertThat(moved).isEqualTo(3);
        assertThat(count(deadLetters)).isZero();
        assertThat(count(events)).isEqualTo(3);
    }

    @Test
    void anEntryTheEventQueueRefusesStaysInTheDeadLetterQueueAndStopsTheRedriveSayingWhy() {
        List.of("a", "refuse me", "c").forEach(body -> sqs.sendMessage(b -> b.queueUrl(deadLetters).messageBody(body)));

        assertThatThrownBy(() -> new DeadLetterRedrive(sqs, refusing(sqs)).move(deadLetters, events, Integer.MAX_VALUE, count -> { }))
                .isInstanceOf(SqsException.class)
                .hasMessageContaining("1 of 3 messages refused by " + events + " (KMS.AccessDeniedException: ")
                .hasMessageContaining("they stay in the dead-letter queue");
        assertThat(count(events)).isEqualTo(2);
        assertThat(count(deadLetters)).isEqualTo(1);
    }

    /** Messages in the queue, visible or received and not yet deleted. */
    private int count(String queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static SqsClient refusing(SqsClient moto) {
        return new SqsClient() {
            @Override
            public SendMessageBatchResponse sendMessageBatch(Consumer<SendMessageBatchRequest.Builder> request) {
                SendMessageBatchRequest batch = SendMessageBatchRequest.builder().applyMutation(request).build();
                List<SendMessageBatchRequestEntry> refused = batch.entries().stream().filter(e -> e.messageBody().equals("refuse me")).toList();
                List<SendMessageBatchRequestEntry> taken = batch.entries().stream().filter(e -> !refused.contains(e)).toList();
                SendMessageBatchResponse sent = moto.sendMessageBatch(b -> b.queueUrl(batch.queueUrl()).entries(taken));
                return sent.toBuilder().failed(refused.stream().map(e -> BatchResultErrorEntry.builder().id(e.id()).senderFault(false)
                        .code("KMS.AccessDeniedException").message("the queue's key refused the caller").build()).toList()).build();
            }

            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {
            }
        };
    }
}
