package io.rootwatch.cli.doctor;

import io.rootwatch.audit.Heartbeats;
import io.rootwatch.cli.aws.StackOutputs;
import io.rootwatch.deployment.DeploymentNames;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The daily self-test arrived recently: it travels schedule, bus, rule, queue and detector, so a
 * recent one proves the whole path worked end to end, and a missing one that something on it broke.
 */
public final class HeartbeatCheck implements Check {
    static final String NAME = "heartbeat";
    static final Duration MAX_AGE = Duration.ofHours(DeploymentNames.HEARTBEAT_MISSING_HOURS);

    private final Clock clock;

    public HeartbeatCheck(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<Finding> run(Deployment deployment) {
        String scope = deployment.homeScope();
        Optional<String> table = deployment.centralStack().output(StackOutputs.AUDIT_TABLE_NAME);
        if (table.isEmpty()) {
            return List.of(Finding.fail(NAME, scope, "could not check: " + deployment.centralStack().whyMissing(StackOutputs.AUDIT_TABLE_NAME)));
        }
        AccountAccess central = deployment.reachableAccounts().getFirst();
        try (DynamoDbClient dynamo = deployment.client(DynamoDbClient.builder(), central, deployment.homeRegion())) {
            return List.of(evaluate(new Heartbeats(dynamo, table.get()).latest(), clock.instant(), scope));
        } catch (SdkException e) {
            return List.of(Finding.couldNotCheck(NAME, scope, e));
        }
    }

    static Finding evaluate(Optional<Heartbeats.Latest> latest, Instant now, String scope) {
        if (latest.isEmpty()) {
            return Finding.fail(NAME, scope, "no self-test has ever reached the detector (the first arrives within a day of deploying)");
        }
        Instant received = latest.get().receivedAt();
        long hours = Duration.between(received, now).toHours();
        String when = "last self-test arrived " + received + " (" + hours + " h ago)";
        if (Duration.between(received, now).compareTo(MAX_AGE) > 0) {
            return Finding.fail(NAME, scope, when + ", over " + MAX_AGE.toHours() + " h: the path schedule -> bus -> rule -> queue -> detector is broken");
        }
        return Finding.pass(NAME, scope, when);
    }
}
