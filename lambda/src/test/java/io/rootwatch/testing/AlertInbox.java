package io.rootwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;

/**
 * An SQS queue subscribed to the alert topic: what a subscriber received, each SNS notification
 * as its JSON envelope (Subject, Message: the {@code sqs} text, MessageAttributes).
 */
public final class AlertInbox {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;
    private final List<JsonNode> received = new ArrayList<>();

    public AlertInbox(SnsClient sns, SqsClient sqs, String topicArn) {
        this.sqs = sqs;
        this.queueUrl = sqs.createQueue(b -> b.queueName("alert-inbox")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    }

    /** Every notification received so far, oldest first. */
    public List<JsonNode> notifications() {
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .messageAttributeNames("All").waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return List.copyOf(received);
            }
            for (Message message : messages) {
                try {
                    received.add(MAPPER.readTree(message.body()));
                } catch (Exception e) {
                    throw new IllegalStateException("not an SNS notification: " + message.body(), e);
                }
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** The {@code sqs} text of each notification: the machine-readable alert. */
    public List<JsonNode> alerts() {
        return notifications().stream().map(n -> {
            try {
                return MAPPER.readTree(n.path("Message").asText());
            } catch (Exception e) {
                throw new IllegalStateException("alert is not JSON: " + n, e);
            }
        }).toList();
    }

    public static String attribute(JsonNode notification, String name) {
        return notification.path("MessageAttributes").path(name).path("Value").asText(null);
    }

}
