package io.rootwatch.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.SnsException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.rootwatch.testing.DetectorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;

/** One bad or failing message never fails its batch-mates: exactly the failing ones are reported. */
class BatchProcessorTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Alerts for this account fail to publish: a fault aimed at one message of the batch. */
    private static final String UNLUCKY_ACCOUNT = "210987654321";

    private DetectorFixture fixture;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private BatchProcessor batches;

    @BeforeEach
    void freshAccount() throws Exception {
        fixture = new DetectorFixture(MOTO);
        EventProcessor detector = fixture.detector(fixture.dynamo, snsFailingFor(UNLUCKY_ACCOUNT));
        batches = new BatchProcessor(detector, new Telemetry(new PrintStream(stdout, true, StandardCharsets.UTF_8), Clock.systemUTC()));
    }

    private static SQSEvent batch(Map<String, String> bodiesById) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        bodiesById.forEach((id, body) -> {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(id);
            message.setBody(body);
            messages.add(message);
        });
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    @Test
    void aBatchMixingGoodDuplicateMalformedAndFailingMessagesReportsExactlyTheFailingOnes() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("good", sample("signin-root-success-no-mfa.json"));
        bodies.put("duplicate", sample("signin-root-success-no-mfa.json"));
        bodies.put("not-json", "{\"truncated\": ");
        bodies.put("not-an-event", "{\"hello\":\"world\"}");
        bodies.put("publish-fails", sample("credential-root-create-access-key.json", "detail.recipientAccountId", UNLUCKY_ACCOUNT));
        bodies.put("another-good", sample("task-close-account.json", "detail.recipientAccountId", "444455556666"));

        SQSBatchResponse response = batches.process(batch(bodies));

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactlyInAnyOrder("not-json", "not-an-event", "publish-fails");
        assertThat(fixture.allEvents()).hasSize(3);
        assertThat(fixture.inbox.notifications()).hasSize(2);
    }

    @Test
    void eachEventGetsOneStructuredLogLineAndEachFailureOneWithItsRawBodyTruncated() throws Exception {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("good", sample("signin-root-success-no-mfa.json"));
        bodies.put("garbage", "x".repeat(10_000));

        batches.process(batch(bodies));

        List<JsonNode> lines = new ArrayList<>();
        for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(MAPPER.readTree(line));
        }
        assertThat(lines).filteredOn(l -> "event processed".equals(l.path("message").asText())).singleElement().satisfies(l -> {
            assertThat(l.path("eventId").asText()).isNotBlank();
            assertThat(l.path("category").asText()).isEqualTo("ROOT_SIGN_IN");
            assertThat(l.path("severity").asText()).isEqualTo("CRITICAL");
            assertThat(l.path("outcome").asText()).isEqualTo("ALERTED");
            assertThat(l.has("durationMs")).isTrue();
        });
        assertThat(lines).filteredOn(l -> "ERROR".equals(l.path("level").asText())).singleElement().satisfies(l -> {
            assertThat(l.path("sqsMessageId").asText()).isEqualTo("garbage");
            assertThat(l.path("rawBody").asText()).hasSizeLessThan(2_100).endsWith("(10000 chars)");
        });
    }

    @Test
    void metricsAreEmittedInEmbeddedMetricFormat() throws Exception {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("good", sample("signin-root-success-no-mfa.json"));
        bodies.put("duplicate", sample("signin-root-success-no-mfa.json"));
        bodies.put("garbage", "garbage");

        batches.process(batch(bodies));

        List<JsonNode> documents = new ArrayList<>();
        for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode json = MAPPER.readTree(line);
            if (json.has("_aws")) {
                documents.add(json);
            }
        }
        assertThat(documents).anySatisfy(d -> {
            assertThat(d.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText()).isEqualTo("rootwatch");
            assertThat(d.path("Category").asText()).isEqualTo("ROOT_SIGN_IN");
            assertThat(d.path("Severity").asText()).isEqualTo("CRITICAL");
            assertThat(d.path("RootEvents").asInt()).isEqualTo(1);
        });
        assertThat(documents).anySatisfy(d -> {
            assertThat(d.path("AlertsSent").asInt()).isEqualTo(1);
            assertThat(d.path("DuplicatesSkipped").asInt()).isEqualTo(1);
            assertThat(d.path("Failures").asInt()).isEqualTo(1);
        });
    }

    private static SnsClient snsFailingFor(String accountId) {
        return SnsClient.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(MotoServer.CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof PublishRequest publish
                                && accountId.equals(publish.messageAttributes().get("accountId").stringValue())) {
                            throw SnsException.builder().message("simulated publish failure for " + accountId).build();
                        }
                    }
                }))
                .build();
    }
}
