package io.rootwatch.alert;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.util.LinkedHashMap;
import java.util.Map;

/** Publishes rendered alerts to the alert topic: one {@code Publish} per alert, one text per protocol. */
public final class SnsNotifier {
    private final SnsClient sns;
    private final String topicArn;

    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** @return the SNS message id */
    public String publish(RenderedAlert alert) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        alert.attributes().forEach((name, value) ->
                attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        return sns.publish(b -> b.topicArn(topicArn).subject(alert.subject()).message(alert.message())
                .messageStructure("json").messageAttributes(attributes)).messageId();
    }
}
