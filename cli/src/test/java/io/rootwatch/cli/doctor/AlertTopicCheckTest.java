package io.rootwatch.cli.doctor;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.Subscription;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which subscriptions count. moto_server confirms every subscription at once (email included), so
 * the pending ones are built as SNS lists them: {@code PendingConfirmation} instead of an ARN.
 */
class AlertTopicCheckTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:Rootwatch-AlertsTopic";
    private static final String SCOPE = "111122223333/us-east-1";

    private static Subscription pending(String protocol) {
        return Subscription.builder().topicArn(TOPIC).protocol(protocol).subscriptionArn(AlertTopicCheck.PENDING).build();
    }

    private static Subscription confirmed(String protocol) {
        return Subscription.builder().topicArn(TOPIC).protocol(protocol).subscriptionArn(TOPIC + ":" + protocol + "-1").build();
    }

    @Test
    void onlyPendingEmailSubscriptionsFail() {
        Finding finding = AlertTopicCheck.evaluate(TOPIC, List.of(pending("email"), pending("email")), SCOPE);

        assertThat(finding).isEqualTo(Finding.fail(AlertTopicCheck.NAME, SCOPE,
                "Rootwatch-AlertsTopic: no confirmed subscription, nobody receives root alerts, 2 pending confirmation (email)"));
    }

    @Test
    void oneConfirmedSubscriptionPassesAndListsTheProtocols() {
        Finding finding = AlertTopicCheck.evaluate(TOPIC, List.of(confirmed("https"), confirmed("email"), pending("email")), SCOPE);

        assertThat(finding).isEqualTo(Finding.pass(AlertTopicCheck.NAME, SCOPE,
                "Rootwatch-AlertsTopic: 2 confirmed (email, https), 1 pending confirmation (email)"));
    }
}
