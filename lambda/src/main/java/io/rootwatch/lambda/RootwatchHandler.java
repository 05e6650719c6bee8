package io.rootwatch.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.rootwatch.accounts.AccountNames;
import io.rootwatch.accounts.ConfiguredAccountNames;
import io.rootwatch.accounts.OrganizationsAccountNames;
import io.rootwatch.audit.EventLedger;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Lambda entry point: EventBridge rule → SQS queue → this function. Configuration is read and
 * SDK clients are built once per execution environment; each batch is handed to the detector.
 *
 * <p>With SnapStart, {@link #beforeCheckpoint} primes the classifier, the alert renderer and the
 * DynamoDB client before the snapshot, so restored environments start warm. Credentials come from
 * the default chain, which reads them afresh after a restore.
 */
public final class RootwatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, Resource {
    private final EventProcessor processor;
    private final BatchProcessor batches;

    public RootwatchHandler() {
        this(fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    RootwatchHandler(EventProcessor processor) {
        this.processor = processor;
        this.batches = new BatchProcessor(processor, new Telemetry(System.out, Clock.systemUTC()));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent batch, Context context) {
        return batches.process(batch);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        processor.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: the SDK's default credentials chain fetches fresh credentials on first use.
    }

    static EventProcessor fromEnvironment(Map<String, String> env) {
        DetectorConfig config = DetectorConfig.fromEnvironment(env);
        String regionName = env.get("AWS_REGION");
        if (regionName == null || regionName.isBlank()) {
            throw new DetectorConfig.InvalidConfiguration("environment variable AWS_REGION is required and not set");
        }
        Region region = Region.of(regionName);
        DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        // A cold start is mostly class loading: build the two clients, and take DynamoDB's request path once,
        // on other threads while this one loads the detection code. AWS_ENDPOINT_URL is honoured by the SDK
        // itself, which lets the function run against a local emulator.
        ExecutorService init = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("rootwatch-init-", 0).factory());
        try {
            Future<DynamoDbClient> dynamo = init.submit(() -> warmed(AwsClients.dynamo(region, credentials, Optional.empty()), config));
            Future<SnsClient> sns = init.submit(() -> AwsClients.sns(region, credentials, Optional.empty()));
            EventProcessor.warmUpDetection();
            AccountNames configured = new ConfiguredAccountNames(config.accountNames());
            AccountNames names = config.organizationsLookup()
                    ? AccountNames.firstOf(configured, OrganizationsAccountNames.builder().environment(env).credentials(credentials)
                    .onFailure(failure -> System.out.println(Telemetry.warning("account name lookup failed", failure.toString())))
                    .build())
                    : configured;
            return new EventProcessor(config, names, dynamo.get(), sns.get(), Clock.systemUTC());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            init.shutdown();
        }
    }

    /** Takes the client's request path once (a read of a key that never exists); a failure only costs warmth. */
    private static DynamoDbClient warmed(DynamoDbClient dynamo, DetectorConfig config) {
        try {
            new EventLedger(dynamo, config.tableName(), config.retention()).alertOf("rootwatch-warm-up-never-recorded");
        } catch (RuntimeException coldAfterAll) {
            System.out.println(Telemetry.warning("warming the DynamoDB client failed", coldAfterAll.toString()));
        }
        return dynamo;
    }
}
