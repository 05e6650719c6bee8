package io.rootwatch.infra;

import software.amazon.awscdk.services.chatbot.CfnMicrosoftTeamsChannelConfiguration;
import software.amazon.awscdk.services.chatbot.SlackChannelConfiguration;
import software.amazon.awscdk.services.iam.IManagedPolicy;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.StringConditions;
import software.amazon.awscdk.services.sns.SubscriptionFilter;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The alert topic (KMS-encrypted, TLS only) and who hears it: email addresses, optionally only
 * for some severities, and Slack and Microsoft Teams channels through AWS Chatbot, whose
 * guardrail is read-only so nobody can act on the account from the chat.
 */
final class AlertChannels extends Construct {
    static final String READ_ONLY_GUARDRAIL = "ReadOnlyAccess";

    private final Topic topic;

    AlertChannels(Construct scope, String id, IKey key, RootwatchSettings settings) {
        super(scope, id);
        topic = Topic.Builder.create(this, "AlertTopic")
                .displayName("rootwatch root activity")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        for (String email : settings.alertEmails()) {
            EmailSubscription.Builder subscription = EmailSubscription.Builder.create(email);
            if (!settings.emailSeverities().isEmpty()) {
                subscription.filterPolicy(Map.of("severity", SubscriptionFilter.stringFilter(
                        StringConditions.builder().allowlist(settings.emailSeverities()).build())));
            }
            topic.addSubscription(subscription.build());
        }
        IManagedPolicy readOnly = ManagedPolicy.fromAwsManagedPolicyName(READ_ONLY_GUARDRAIL);
        settings.slack().ifPresent(slack -> SlackChannelConfiguration.Builder.create(this, "Slack")
                .slackChannelConfigurationName("rootwatch-alerts")
                .slackWorkspaceId(slack.workspaceId())
                .slackChannelId(slack.channelId())
                .notificationTopics(List.of(topic))
                .guardrailPolicies(List.of(readOnly))
                .build());
        settings.teams().ifPresent(teams -> {
            Role role = Role.Builder.create(this, "TeamsChannelRole")
                    .assumedBy(new ServicePrincipal("chatbot.amazonaws.com"))
                    .description("AWS Chatbot for rootwatch's Teams channel: no permissions of its own")
                    .build();
            CfnMicrosoftTeamsChannelConfiguration.Builder.create(this, "Teams")
                    .configurationName("rootwatch-alerts")
                    .iamRoleArn(role.getRoleArn())
                    .teamsTenantId(teams.tenantId())
                    .teamId(teams.teamId())
                    .teamsChannelId(teams.channelId())
                    .snsTopicArns(List.of(topic.getTopicArn()))
                    .guardrailPolicies(List.of(readOnly.getManagedPolicyArn()))
                    .build();
        });
    }

    Topic topic() {
        return topic;
    }
}
