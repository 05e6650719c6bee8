package io.rootwatch.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootwatch.cli.aws.StackOutputs;
import io.rootwatch.deployment.DeploymentNames;
import io.rootwatch.detect.RootActivityPattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * In every region of every account, the rule that takes root activity off the default bus: a
 * forwarder to the central bus, or in the central account's home region the central stack's two
 * rules (default bus and central bus) to the event queue. Each must exist, deliver read-only
 * management events too, carry the shared pattern unchanged, and target the right place with a
 * dead-letter queue.
 */
public final class ForwarderRuleCheck implements Check {
    static final String FORWARDER = "forwarder-rule";
    static final String CENTRAL = "central-rule";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode PATTERN = parse(RootActivityPattern.json()).orElseThrow();

    /** A rule that must exist, and what its target must be. */
    private record ExpectedRule(String check, String name, String busName, Optional<String> targetArn, String targetWhy) {
    }

    private final Visits visits;

    public ForwarderRuleCheck(Visits visits) {
        this.visits = visits;
    }

    @Override
    public List<Finding> run(Deployment deployment) {
        return visits.findings(deployment.places(), FORWARDER, Deployment.Place::scope, place -> visit(deployment, place));
    }

    private static List<Finding> visit(Deployment deployment, Deployment.Place place) {
        boolean home = deployment.isHome(place);
        try (EventBridgeClient events = deployment.client(EventBridgeClient.builder(), place.account(), place.region())) {
            return home ? centralRules(events, deployment, place.scope()) : List.of(check(events, place.scope(), forwarder(deployment)));
        } catch (SdkException e) {
            return List.of(Finding.couldNotCheck(home ? CENTRAL : FORWARDER, place.scope(), e));
        }
    }

    private static ExpectedRule forwarder(Deployment deployment) {
        return new ExpectedRule(FORWARDER, DeploymentNames.FORWARDER_RULE, DeploymentNames.DEFAULT_BUS,
                deployment.centralStack().output(StackOutputs.ROOT_ACTIVITY_BUS_ARN),
                deployment.centralStack().whyMissing(StackOutputs.ROOT_ACTIVITY_BUS_ARN));
    }

    /**
     * The home region's default bus is watched by the central stack's own rule; a forwarder there
     * as well would deliver every event twice.
     */
    private static List<Finding> centralRules(EventBridgeClient events, Deployment deployment, String scope) {
        Optional<String> queueArn = deployment.centralStack().output(StackOutputs.EVENT_QUEUE_URL)
                .map(url -> queueArn(deployment, url));
        String why = deployment.centralStack().whyMissing(StackOutputs.EVENT_QUEUE_URL);
        List<Finding> findings = new ArrayList<>();
        findings.add(check(events, scope, new ExpectedRule(CENTRAL, DeploymentNames.HOME_DEFAULT_BUS_RULE, DeploymentNames.DEFAULT_BUS,
                queueArn, why)));
        findings.add(check(events, scope, new ExpectedRule(CENTRAL, DeploymentNames.CENTRAL_BUS_RULE, DeploymentNames.CENTRAL_BUS,
                queueArn, why)));
        if (describe(events, DeploymentNames.FORWARDER_RULE, DeploymentNames.DEFAULT_BUS).isPresent()) {
            findings.add(Finding.fail(FORWARDER, scope, DeploymentNames.FORWARDER_RULE + " exists in the central account's home region,"
                    + " where " + DeploymentNames.HOME_DEFAULT_BUS_RULE + " already takes the default bus's events: every event arrives twice"));
        }
        return findings;
    }

    private static Finding check(EventBridgeClient events, String scope, ExpectedRule expected) {
        String label = expected.name() + (DeploymentNames.DEFAULT_BUS.equals(expected.busName()) ? "" : " on " + expected.busName());
        Optional<DescribeRuleResponse> found = describe(events, expected.name(), expected.busName());
        if (found.isEmpty()) {
            return Finding.fail(expected.check(), scope, label + " is missing: root activity here reaches no one");
        }
        DescribeRuleResponse rule = found.get();
        List<String> problems = new ArrayList<>();
        if (!DeploymentNames.ALL_MANAGEMENT_EVENTS.equals(rule.stateAsString())) {
            problems.add("state " + rule.stateAsString() + ", not " + DeploymentNames.ALL_MANAGEMENT_EVENTS
                    + ("ENABLED".equals(rule.stateAsString()) ? " (root reads are not delivered)" : ""));
        }
        if (!parse(rule.eventPattern()).map(PATTERN::equals).orElse(false)) {
            problems.add("event pattern differs from rootwatch's");
        }
        // A rule has at most five targets: one page holds them all.
        List<Target> targets = events.listTargetsByRule(b -> b.rule(expected.name()).eventBusName(expected.busName())).targets();
        Optional<Target> target = Optional.empty();
        if (expected.targetArn().isEmpty()) {
            problems.add("target not verifiable: " + expected.targetWhy());
        } else {
            target = targets.stream().filter(t -> t.arn().equals(expected.targetArn().get())).findFirst();
            if (target.isEmpty()) {
                problems.add("targets " + targets.stream().map(Target::arn).toList() + ", not " + expected.targetArn().get());
            }
        }
        target.filter(t -> t.deadLetterConfig() == null || t.deadLetterConfig().arn() == null)
                .ifPresent(t -> problems.add("target has no dead-letter queue: undeliverable events are dropped"));
        target.filter(t -> FORWARDER.equals(expected.check()) && t.roleArn() == null)
                .ifPresent(t -> problems.add("target has no role: EventBridge cannot put events on the central bus"));
        if (!problems.isEmpty()) {
            return Finding.fail(expected.check(), scope, label + ": " + String.join("; ", problems));
        }
        Target ok = target.orElseThrow();
        return Finding.pass(expected.check(), scope, label + ": " + DeploymentNames.ALL_MANAGEMENT_EVENTS + ", pattern identical, -> "
                + resourceName(ok.arn()) + ", dead letters -> " + resourceName(ok.deadLetterConfig().arn()));
    }

    private static Optional<DescribeRuleResponse> describe(EventBridgeClient events, String name, String bus) {
        try {
            return Optional.of(events.describeRule(b -> b.name(name).eventBusName(bus)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The queue's ARN from its URL, whose path is {@code /account/name} on AWS and on emulators alike. */
    private static String queueArn(Deployment deployment, String url) {
        String[] path = URI.create(url).getPath().split("/");
        String account = path.length >= 3 ? path[path.length - 2] : deployment.centralAccount();
        return "arn:" + deployment.partition() + ":sqs:" + deployment.homeRegion().id() + ":" + account + ":" + path[path.length - 1];
    }

    private static String resourceName(String arn) {
        return arn.substring(Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/')) + 1);
    }

    private static Optional<JsonNode> parse(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(json));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
