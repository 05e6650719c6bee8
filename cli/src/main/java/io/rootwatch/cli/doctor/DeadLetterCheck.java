package io.rootwatch.cli.doctor;

import io.rootwatch.cli.aws.QueueUrls;
import io.rootwatch.cli.aws.StackOutputs;
import io.rootwatch.deployment.DeploymentNames;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every dead-letter queue is empty: a dead letter is root activity that never reached the
 * detector. The central stack's two (the detector's failures, EventBridge's undeliverable events)
 * and, in every region of every account but the central home region, the forwarder's
 * {@value DeploymentNames#FORWARDER_DEAD_LETTER_QUEUE}, which nothing else watches when the
 * forwarders are deployed without alarms.
 */
public final class DeadLetterCheck implements Check {
    static final String FORWARDER = "forwarder-dead-letters";
    static final String CENTRAL = "central-dead-letters";

    /** Which central dead-letter queue, and how its events got there, for the detail. */
    private record CentralQueue(String output, String holds) {
    }

    private static final List<CentralQueue> CENTRAL_QUEUES = List.of(
            new CentralQueue(StackOutputs.EVENT_DEAD_LETTER_QUEUE_URL, "the detector failed on 300 times"),
            new CentralQueue(StackOutputs.RULE_TARGET_DEAD_LETTER_QUEUE_URL, "EventBridge could not deliver to the event queue"));

    /** Messages in a queue: waiting to be received, and received but not yet deleted. */
    record Waiting(long visible, long inFlight) {
        long total() {
            return visible + inFlight;
        }

        @Override
        public String toString() {
            return visible + " waiting, " + inFlight + " in flight";
        }
    }

    private final Visits visits;

    public DeadLetterCheck(Visits visits) {
        this.visits = visits;
    }

    @Override
    public List<Finding> run(Deployment deployment) {
        List<Finding> findings = new ArrayList<>(central(deployment));
        List<Deployment.Place> forwarders = deployment.places().stream().filter(place -> !deployment.isHome(place)).toList();
        findings.addAll(visits.findings(forwarders, FORWARDER, Deployment.Place::scope, place -> List.of(forwarder(deployment, place))));
        return findings;
    }

    private static List<Finding> central(Deployment deployment) {
        String scope = deployment.homeScope();
        AccountAccess central = deployment.reachableAccounts().getFirst();
        List<Finding> findings = new ArrayList<>();
        try (SqsClient sqs = deployment.client(SqsClient.builder(), central, deployment.homeRegion())) {
            for (CentralQueue queue : CENTRAL_QUEUES) {
                Optional<String> url = deployment.centralStack().output(queue.output());
                if (url.isEmpty()) {
                    findings.add(Finding.fail(CENTRAL, scope, "could not check: " + deployment.centralStack().whyMissing(queue.output())));
                    continue;
                }
                try {
                    findings.add(evaluateCentral(url.get(), queue.holds(), waiting(sqs, url.get()), redrive(deployment, url.get()), scope));
                } catch (RuntimeException e) {
                    findings.add(Finding.fail(CENTRAL, scope, queueName(url.get()) + ": could not check: " + Finding.reason(e)));
                }
            }
        }
        return findings;
    }

    static Finding evaluateCentral(String url, String holds, Waiting waiting, String redrive, String scope) {
        String queue = queueName(url);
        if (waiting.total() == 0) {
            return Finding.pass(CENTRAL, scope, queue + ": empty");
        }
        return Finding.fail(CENTRAL, scope, queue + ": " + events(waiting.total(), "event") + " " + holds + " (" + waiting + ");"
                + " once the cause is fixed, " + redrive);
    }

    /** The command that moves the central dead letters back to the event queue, as the caller reached them. */
    private static String redrive(Deployment deployment, String deadLetterUrl) {
        return deployment.centralStack().output(StackOutputs.EVENT_QUEUE_URL)
                .map(eventQueue -> "rootwatch redrive " + deployment.aws().asArguments(deployment.homeRegion()) + " --from " + deadLetterUrl
                        + " --to " + eventQueue)
                .orElseGet(() -> "move them back to the event queue with rootwatch redrive ("
                        + deployment.centralStack().whyMissing(StackOutputs.EVENT_QUEUE_URL) + ")");
    }

    private static Finding forwarder(Deployment deployment, Deployment.Place place) {
        String queue = DeploymentNames.FORWARDER_DEAD_LETTER_QUEUE;
        try (SqsClient sqs = deployment.client(SqsClient.builder(), place.account(), place.region())) {
            String url;
            try {
                url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
            } catch (QueueDoesNotExistException e) {
                return Finding.fail(FORWARDER, place.scope(), queue + " is missing: no forwarder here, or one whose undeliverable events"
                        + " go nowhere doctor can see");
            }
            return evaluateForwarder(waiting(sqs, url), place.scope(), forwarderRedrive(deployment, place, url));
        } catch (SdkException e) {
            return Finding.couldNotCheck(FORWARDER, place.scope(), e);
        }
    }

    /**
     * The command that moves a forwarder's dead letters to the central event queue: read in the
     * forwarder's account and region (through the role doctor assumed there), sent as the caller.
     * Not back to a bus: their {@code aws.*} source is refused by {@code PutEvents}.
     */
    private static String forwarderRedrive(Deployment deployment, Deployment.Place place, String deadLetterUrl) {
        String region = QueueUrls.region(deadLetterUrl).isPresent() ? "" : " --from-region " + place.region().id();
        String role = place.account().roleArn().map(arn -> " --from-role-arn " + arn).orElse("");
        return deployment.centralStack().output(StackOutputs.EVENT_QUEUE_URL)
                .map(eventQueue -> "rootwatch redrive " + deployment.aws().asArguments(deployment.homeRegion()) + " --from " + deadLetterUrl
                        + region + role + " --to " + eventQueue)
                .orElseGet(() -> "move them to the event queue with rootwatch redrive ("
                        + deployment.centralStack().whyMissing(StackOutputs.EVENT_QUEUE_URL) + ")");
    }

    static Finding evaluateForwarder(Waiting waiting, String scope, String redrive) {
        String queue = DeploymentNames.FORWARDER_DEAD_LETTER_QUEUE;
        if (waiting.total() == 0) {
            return Finding.pass(FORWARDER, scope, queue + ": empty");
        }
        return Finding.fail(FORWARDER, scope, queue + ": " + events(waiting.total(), "root event") + " that never reached the central bus ("
                + waiting + "); once the cause is fixed, " + redrive);
    }

    private static String events(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static Waiting waiting(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return new Waiting(count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** A count SQS leaves out proves nothing: the check fails rather than read it as zero. */
    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String count = attributes.get(name);
        if (count == null) {
            throw new IllegalStateException("SQS did not report " + name);
        }
        return Long.parseLong(count);
    }

    private static String queueName(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
