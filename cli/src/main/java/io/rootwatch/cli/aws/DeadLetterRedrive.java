package io.rootwatch.cli.aws;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Moves dead-lettered events back to the event queue, ten at a time: receive, send the batch, then
 * delete the ones the event queue took, so a failure
 * half-way leaves a message in the dead-letter queue (or in both, and the detector's
 * deduplication makes the copy harmless), never in neither. Works wherever SQS does, moto_server
 * included, unlike {@code StartMessageMoveTask}; and across accounts and regions, which
 * {@code StartMessageMoveTask} cannot: each queue is reached through its own client, in its own
 * region and with its own account's credentials. The body and message attributes are sent
 * unchanged: an EventBridge dead letter's body is the event itself, which the detector reads.
 */
public final class DeadLetterRedrive {
    /** Long enough to send and delete a batch; a message not deleted by then is simply received again. */
    private static final int VISIBILITY_SECONDS = 60;

    private final SqsClient deadLetters;
    private final SqsClient destination;

    /** Reads and deletes through {@code deadLetters}, sends through {@code destination} (the same client when both queues are in one account and region). */
    public DeadLetterRedrive(SqsClient deadLetters, SqsClient destination) {
        this.deadLetters = deadLetters;
        this.destination = destination;
    }

    /** Messages waiting in the dead-letter queue, as SQS counts them (approximately). */
    public int waiting(String queueUrl) {
        String count = deadLetters.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return count == null ? 0 : Integer.parseInt(count);
    }

    /** Moves up to {@code max} messages; returns how many moved, reporting progress after each batch. */
    public int move(String fromUrl, String toUrl, int max, IntConsumer progress) {
        int moved = 0;
        while (moved < max) {
            int batch = Math.min(10, max - moved);
            List<Message> messages = deadLetters.receiveMessage(b -> b.queueUrl(fromUrl).maxNumberOfMessages(batch)
                    .visibilityTimeout(VISIBILITY_SECONDS).waitTimeSeconds(1)
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (messages.isEmpty()) {
                return moved;
            }
            SendMessageBatchResponse sent = destination.sendMessageBatch(b -> b.queueUrl(toUrl).entries(IntStream.range(0, messages.size())
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(messages.get(i).body())
                            .messageAttributes(messages.get(i).messageAttributes()).build())
                    .toList()));
            List<DeleteMessageBatchRequestEntry> delivered = sent.successful().stream()
                    .map(entry -> DeleteMessageBatchRequestEntry.builder().id(entry.id())
                            .receiptHandle(messages.get(Integer.parseInt(entry.id())).receiptHandle()).build())
                    .toList();
            if (!delivered.isEmpty()) {
                DeleteMessageBatchResponse deleted = deadLetters.deleteMessageBatch(b -> b.queueUrl(fromUrl).entries(delivered));
                moved += deleted.successful().size();
            }
            progress.accept(moved);
            if (sent.hasFailed() && !sent.failed().isEmpty()) {
                BatchResultErrorEntry refused = sent.failed().getFirst();
                throw SqsException.builder().message(sent.failed().size() + " of " + messages.size() + " messages refused by "
                        + toUrl + " (" + refused.code() + ": " + refused.message() + "); they stay in the dead-letter queue").build();
            }
        }
        return moved;
    }
}
