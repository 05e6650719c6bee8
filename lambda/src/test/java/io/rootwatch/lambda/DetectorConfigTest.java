package io.rootwatch.lambda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectorConfigTest {
    private static Map<String, String> minimal() {
        return new HashMap<>(Map.of(DetectorConfig.TABLE, "audit", DetectorConfig.TOPIC, "arn:aws:sns:us-east-1:111122223333:alerts"));
    }

    @Test
    void onlyTheTableAndTopicAreRequiredAndEverythingElseHasADefault() {
        DetectorConfig config = DetectorConfig.fromEnvironment(minimal());

        assertThat(config.retention()).isEqualTo(Duration.ofDays(400));
        assertThat(config.sessionWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.signInFailureThreshold()).isEqualTo(5);
        assertThat(config.signInFailureWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.accountNames()).isEmpty();
        assertThat(config.organizationsLookup()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"ROOTWATCH_TABLE_NAME", "ROOTWATCH_TOPIC_ARN"})
    void aMissingRequiredVariableIsNamed(String variable) {
        Map<String, String> env = minimal();
        env.remove(variable);

        assertThatThrownBy(() -> DetectorConfig.fromEnvironment(env))
                .isInstanceOf(DetectorConfig.InvalidConfiguration.class).hasMessageContaining(variable);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ROOTWATCH_RETENTION_DAYS|forever",
            "ROOTWATCH_RETENTION_DAYS|-1",
            "ROOTWATCH_SESSION_WINDOW_MINUTES|0",
            "ROOTWATCH_SIGNIN_FAILURE_THRESHOLD|1",
            "ROOTWATCH_ACCOUNT_NAMES|prod=111122223333",
            "ROOTWATCH_ACCOUNT_NAMES|{\"1111\":\"short-id\"}",
            "ROOTWATCH_ACCOUNT_NAMES|[\"111122223333\"]",
            "ROOTWATCH_ORGANIZATIONS_LOOKUP|yes please",
            "ROOTWATCH_HOME_ACCOUNT|1111-2222-3333"})
    void aMalformedVariableIsNamedWithWhatItShouldHold(String variable, String value) {
        Map<String, String> env = minimal();
        env.put(variable, value);

        assertThatThrownBy(() -> DetectorConfig.fromEnvironment(env))
                .isInstanceOf(DetectorConfig.InvalidConfiguration.class).hasMessageContaining(variable).hasMessageContaining("must be");
    }

    @Test
    void accountNamesAreReadFromAJsonObject() {
        Map<String, String> env = minimal();
        env.put(DetectorConfig.ACCOUNT_NAMES, "{\"111122223333\":\"prod-payments\",\"444455556666\":\"sandbox\"}");

        assertThat(DetectorConfig.fromEnvironment(env).accountNames())
                .containsEntry("111122223333", "prod-payments").containsEntry("444455556666", "sandbox");
    }

    @Test
    void recordingOnlyNeedsNoTopicAndReadsTheRestAsTheDetectorDoes() {
        Map<String, String> env = minimal();
        env.remove(DetectorConfig.TOPIC);
        env.put(DetectorConfig.RETENTION_DAYS, "30");

        DetectorConfig config = DetectorConfig.forRecordingOnly(env);

        assertThat(config.topicArn()).isEmpty();
        assertThat(config.retention()).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> DetectorConfig.fromEnvironment(env)).hasMessageContaining(DetectorConfig.TOPIC);
    }

    @Test
    void aProcessorThatAlertsRefusesSettingsWithoutATopic() {
        Map<String, String> env = minimal();
        env.remove(DetectorConfig.TOPIC);
        DetectorConfig recordingOnly = DetectorConfig.forRecordingOnly(env);

        try (DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).build();
             SnsClient sns = SnsClient.builder().region(Region.US_EAST_1).build()) {
            assertThatThrownBy(() -> EventProcessor.forArchive(recordingOnly, dynamo, sns, Clock.systemUTC(),
                    EventProcessor.Paging.ALERT)).hasMessageContaining("alerting needs an alert topic");
        }
    }

    @Test
    void retentionZeroMeansKeepForever() {
        Map<String, String> env = minimal();
        env.put(DetectorConfig.RETENTION_DAYS, "0");

        assertThat(DetectorConfig.fromEnvironment(env).retention()).isZero();
    }
}
