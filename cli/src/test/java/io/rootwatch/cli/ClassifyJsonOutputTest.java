package io.rootwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.rootwatch.cli.Rootwatch.resource;
import static io.rootwatch.cli.Rootwatch.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The --json output is a contract with scripts: one object per event and line, every field always present. */
class ClassifyJsonOutputTest {

    private static JsonNode onlyEvent(String resource) {
        List<JsonNode> events = run("classify", "--json", resource(resource).toString()).jsonLines();
        assertThat(events).hasSize(1);
        return events.getFirst();
    }

    @Test
    void describesTheEventAndItsVerdict() {
        JsonNode event = onlyEvent("shapes/record.json");

        assertThat(event.get("eventId").asText()).isEqualTo("00000000-0000-4000-8000-000000000001");
        assertThat(event.get("eventTime").asText()).isEqualTo("2025-03-02T09:18:44Z");
        assertThat(event.get("accountId").asText()).isEqualTo("111122223333");
        assertThat(event.get("region").asText()).isEqualTo("us-east-1");
        assertThat(event.get("eventSource").asText()).isEqualTo("iam.amazonaws.com");
        assertThat(event.get("eventName").asText()).isEqualTo("CreateAccessKey");
        assertThat(event.get("category").asText()).isEqualTo("ROOT_CREDENTIAL_CHANGE");
        assertThat(event.get("task").asText()).isEqualTo("root-access-key");
        assertThat(event.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(event.get("mfaUsed").isBoolean()).isTrue();
        assertThat(event.get("mfaUsed").booleanValue()).isTrue();
        assertThat(event.get("reasons").isArray()).isTrue();
        assertThat(event.get("reasons")).isNotEmpty();
    }

    @Test
    void carriesWhoAndFromWhereAndWhichInput() {
        JsonNode event = onlyEvent("shapes/record.json");

        assertThat(event.get("identityArn").asText()).isEqualTo("arn:aws:iam::111122223333:root");
        assertThat(event.get("sourceIPAddress").asText()).isEqualTo("203.0.113.24");
        assertThat(event.get("userAgent").asText()).isEqualTo("console.amazonaws.com");
        assertThat(event.get("accessKeyId").asText()).isEqualTo("ASIAEXAMPLEROOTSESSN");
        assertThat(event.get("input").asText()).isEqualTo(resource("shapes/record.json").toString());
        assertThat(event.get("headline").asText()).startsWith("[CRITICAL] Root access key created");
    }

    @Test
    void writesJsonNullForNoTaskAndForMfaUseNotRecorded() {
        JsonNode listBuckets = run("classify", "--json", resource("shapes/log-file.json").toString()).jsonLines().getFirst();

        assertThat(listBuckets.get("category").asText()).isEqualTo("ROOT_API_CALL");
        assertThat(listBuckets.get("task").isNull()).isTrue();
        assertThat(listBuckets.get("mfaUsed").isNull()).isTrue();
    }

    @Test
    void writesFalseWhenTheRecordSaysMfaWasNotUsed() {
        JsonNode event = onlyEvent("shapes/envelope.json");

        assertThat(event.get("mfaUsed").isBoolean()).isTrue();
        assertThat(event.get("mfaUsed").booleanValue()).isFalse();
    }

    @Test
    void keepsTheEnvelopeAccountAndRegionApartFromTheRecordsOwn() {
        JsonNode event = onlyEvent("shapes/envelope.json");

        assertThat(event.get("accountId").asText()).isEqualTo("111122223333");
        assertThat(event.get("region").asText()).isEqualTo("us-east-1");
        assertThat(event.get("envelope").get("account").asText()).isEqualTo("999988887777");
        assertThat(event.get("envelope").get("region").asText()).isEqualTo("eu-west-1");
        assertThat(event.get("envelope").get("detailType").asText()).isEqualTo("AWS Console Sign In via CloudTrail");
    }

    @Test
    void writesJsonNullForTheEnvelopeOfABareRecord() {
        assertThat(onlyEvent("shapes/record.json").get("envelope").isNull()).isTrue();
    }

    @Test
    void writesTheSameFieldsForEveryEventWhateverItHolds() {
        List<JsonNode> events = run("classify", "--json", resource("shapes/events.jsonl").toString(),
                resource("malformed/wrong-types.json").toString()).jsonLines();

        List<List<String>> fieldNames = events.stream()
                .map(ClassifyJsonOutputTest::fieldNames)
                .distinct()
                .toList();
        assertThat(fieldNames).hasSize(1);
        assertThat(fieldNames.getFirst()).contains("eventId", "eventTime", "accountId", "region", "eventSource", "eventName",
                "category", "task", "severity", "mfaUsed", "reasons", "identityArn", "sourceIPAddress", "userAgent",
                "accessKeyId", "input", "envelope");
    }

    private static List<String> fieldNames(JsonNode event) {
        List<String> names = new ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
