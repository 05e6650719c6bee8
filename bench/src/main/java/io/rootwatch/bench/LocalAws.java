package io.rootwatch.bench;

import io.rootwatch.audit.AuditTableSchema;
import io.rootwatch.lambda.AwsClients;
import io.rootwatch.testing.MotoProcess;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * moto_server on 127.0.0.1 and a free port, and the detector's resources on it (the audit table,
 * the alert topic and, optionally, a queue subscribed to the topic that counts the alerts). Used by
 * {@link DetectorLatency} in-process, and by bench/run-lambda-cold through {@link ColdSetup}.
 */
public final class LocalAws implements AutoCloseable {
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    public static final String TABLE = "rootwatch-audit";
    public static final String TOPIC = "rootwatch-alerts";
    public static final String QUEUE = "rootwatch-alerts-inbox";

    /** The resources the detector needs; {@code queueUrl} is empty unless a queue was subscribed. */
    public record Resources(String table, String topicArn, Optional<String> queueUrl) {
    }

    private final MotoProcess moto;

    private LocalAws(MotoProcess moto) {
        this.moto = moto;
    }

    /** Starts moto_server and waits until it answers (GET /moto-api/ returns 200). */
    public static LocalAws start() throws IOException, InterruptedException {
        return new LocalAws(MotoProcess.start());
    }

    public URI endpoint() {
        return moto.endpoint();
    }

    public long pid() {
        return moto.pid();
    }

    /** From the start of the process to its first 200 on /moto-api/. */
    public Duration startup() {
        return moto.startup();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        moto.close();
    }

    /** A DynamoDB client configured exactly as the detector's ({@link AwsClients}), on this endpoint. */
    public static DynamoDbClient dynamo(URI endpoint) {
        return AwsClients.dynamo(Region.US_EAST_1, CREDENTIALS, Optional.of(endpoint));
    }

    /** An SNS client configured exactly as the detector's ({@link AwsClients}), on this endpoint. */
    public static SnsClient sns(URI endpoint) {
        return AwsClients.sns(Region.US_EAST_1, CREDENTIALS, Optional.of(endpoint));
    }

    public static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates the audit table and the alert topic; subscribes a queue to the topic when asked. */
    public static Resources create(URI endpoint, boolean subscribeQueue) {
        try (DynamoDbClient dynamo = dynamo(endpoint); SnsClient sns = sns(endpoint)) {
            dynamo.createTable(AuditTableSchema.createTableRequest(TABLE));
            String topicArn = sns.createTopic(b -> b.name(TOPIC)).topicArn();
            if (!subscribeQueue) {
                return new Resources(TABLE, topicArn, Optional.empty());
            }
            try (SqsClient sqs = sqs(endpoint)) {
                String queueUrl = sqs.createQueue(b -> b.queueName(QUEUE)).queueUrl();
                String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes().get(QueueAttributeName.QUEUE_ARN);
                sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
                return new Resources(TABLE, topicArn, Optional.of(queueUrl));
            }
        }
    }

    /** The messages waiting in the queue: with nobody receiving, every alert the topic delivered to it. */
    public static int queuedMessages(URI endpoint, String queueUrl) {
        try (SqsClient sqs = sqs(endpoint)) {
            return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        }
    }

    /** What the audit table holds: events recorded, and of those, alerts marked sent with an SNS message id. */
    public record TableCounts(int events, int alertsSent) {
    }

    public static TableCounts tableCounts(DynamoDbClient dynamo, String table) {
        int events = 0;
        int sent = 0;
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(b -> b.tableName(table)).items()) {
            if (!item.get(AuditTableSchema.PK).s().startsWith("EVENT#")) {
                continue;
            }
            events++;
            AttributeValue state = item.get("alertState");
            if (state != null && "SENT".equals(state.s()) && item.containsKey("alertMessageId")) {
                sent++;
            }
        }
        return new TableCounts(events, sent);
    }
}
