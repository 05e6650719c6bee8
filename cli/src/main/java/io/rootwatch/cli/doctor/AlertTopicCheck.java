package io.rootwatch.cli.doctor;

import io.rootwatch.cli.aws.StackOutputs;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;

import java.util.List;
import java.util.TreeSet;

/**
 * The alert topic has someone at the other end: at least one confirmed subscription. An email
 * subscription nobody confirmed receives nothing.
 */
public final class AlertTopicCheck implements Check {
    static final String NAME = "alert-topic";
    /** What SNS lists instead of an ARN for a subscription not confirmed yet. */
    static final String PENDING = "PendingConfirmation";

    @Override
    public List<Finding> run(Deployment deployment) {
        String scope = deployment.homeScope();
        if (deployment.centralStack().output(StackOutputs.ALERT_TOPIC_ARN).isEmpty()) {
            return List.of(Finding.fail(NAME, scope, "could not check: " + deployment.centralStack().whyMissing(StackOutputs.ALERT_TOPIC_ARN)));
        }
        String topicArn = deployment.centralStack().output(StackOutputs.ALERT_TOPIC_ARN).orElseThrow();
        AccountAccess central = deployment.reachableAccounts().getFirst();
        try (SnsClient sns = deployment.client(SnsClient.builder(), central, deployment.homeRegion())) {
            return List.of(evaluate(topicArn, sns.listSubscriptionsByTopicPaginator(b -> b.topicArn(topicArn))
                    .subscriptions().stream().toList(), scope));
        } catch (SdkException e) {
            return List.of(Finding.couldNotCheck(NAME, scope, e));
        }
    }

    static Finding evaluate(String topicArn, List<Subscription> subscriptions, String scope) {
        List<Subscription> confirmed = subscriptions.stream().filter(s -> s.subscriptionArn() != null && s.subscriptionArn().startsWith("arn:")).toList();
        List<Subscription> pending = subscriptions.stream().filter(s -> PENDING.equals(s.subscriptionArn())).toList();
        String topic = topicArn.substring(topicArn.lastIndexOf(':') + 1);
        String waiting = pending.isEmpty() ? "" : ", " + pending.size() + " pending confirmation (" + protocols(pending) + ")";
        if (confirmed.isEmpty()) {
            return Finding.fail(NAME, scope, topic + ": no confirmed subscription, nobody receives root alerts" + waiting);
        }
        return Finding.pass(NAME, scope, topic + ": " + confirmed.size() + " confirmed (" + protocols(confirmed) + ")" + waiting);
    }

    private static String protocols(List<Subscription> subscriptions) {
        return String.join(", ", new TreeSet<>(subscriptions.stream().map(Subscription::protocol).toList()));
    }
}
