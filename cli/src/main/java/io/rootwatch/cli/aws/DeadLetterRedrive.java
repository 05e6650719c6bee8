package io.rootwatch.cli.aws;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * Moves dead-lettered events back to the event queue: receive, send, then delete, so a failure
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
            for (Message message : messages) {
                destination.sendMessage(b -> b.queueUrl(toUrl).messageBody(message.body()).messageAttributes(message.messageAttributes()));
                deadLetters.deleteMessage(b -> b.queueUrl(fromUrl).receiptHandle(message.receiptHandle()));
                moved++;
            }
            progress.accept(moved);
        }
        return moved;
    }
}
