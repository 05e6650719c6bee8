package io.rootwatch.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.rootwatch.infra.RootwatchSettings.ACCOUNT_NAMES;
import static io.rootwatch.infra.RootwatchSettings.ALERT_EMAILS;
import static io.rootwatch.infra.RootwatchSettings.EMAIL_SEVERITIES;
import static io.rootwatch.infra.RootwatchSettings.HOME_REGION;
import static io.rootwatch.infra.RootwatchSettings.ORGANIZATION_ID;
import static io.rootwatch.infra.RootwatchSettings.REMOVAL_POLICY;
import static io.rootwatch.infra.RootwatchSettings.RETENTION_DAYS;
import static io.rootwatch.infra.RootwatchSettings.SLACK_CHANNEL_ID;
import static io.rootwatch.infra.RootwatchSettings.SLACK_WORKSPACE_ID;
import static io.rootwatch.infra.RootwatchSettings.TEAMS_CHANNEL_ID;
import static io.rootwatch.infra.RootwatchSettings.TEAMS_TEAM_ID;
import static io.rootwatch.infra.RootwatchSettings.TEAMS_TENANT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CDK context is validated before anything is built: a wrong value stops the synth with a
 * message naming the context key; good values, as cdk.json and {@code -c key=value} give them,
 * are read as meant.
 */
class RootwatchSettingsTest {

    /** Builds the app as {@code cdk synth} does and expects it to stop, naming this key. */
    private static void assertSynthFailsNaming(String key, Map<String, Object> context) {
        assertThatThrownBy(() -> RootwatchApp.build(Synthesized.app(context), Synthesized.detectorJar()))
                .isInstanceOf(RootwatchSettings.InvalidSetting.class)
                .hasMessageContaining(key);
    }

    private static RootwatchSettings read(Map<String, Object> context) {
        return RootwatchSettings.from(Synthesized.app(context).getNode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mars-north-1", "US-EAST-1", "us-east", "useast1", "eu-west-1a"})
    void aBadRegionNamesTheHomeRegionKey(String region) {
        assertSynthFailsNaming("rootwatch:homeRegion", Map.of(HOME_REGION, region));
    }

    static Stream<Arguments> badEmails() {
        return Stream.of(
                Arguments.of("secops"),
                Arguments.of("secops@example"),
                Arguments.of("secops@example.com,cloud admins@example.com"),
                Arguments.of(List.of("secops@example.com", "not an address")));
    }

    @ParameterizedTest
    @MethodSource("badEmails")
    void aBadEmailNamesTheAlertEmailsKey(Object emails) {
        assertSynthFailsNaming("rootwatch:alertEmails", Map.of(ALERT_EMAILS, emails));
    }

    @ParameterizedTest
    @ValueSource(strings = {"URGENT", "CRITICAL,SEVERE", "P1"})
    void aBadSeverityNamesTheEmailSeveritiesKey(String severities) {
        assertSynthFailsNaming("rootwatch:emailSeverities", Map.of(EMAIL_SEVERITIES, severities));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "36501", "a year", "400.5"})
    void aBadRetentionNamesTheRetentionDaysKey(String days) {
        assertSynthFailsNaming("rootwatch:retentionDays", Map.of(RETENTION_DAYS, days));
    }

    @ParameterizedTest
    @ValueSource(strings = {"o-short", "r-a1b2c3d4e5", "O-A1B2C3D4E5", "123456789012"})
    void aBadOrganizationIdNamesTheOrganizationIdKey(String organization) {
        assertSynthFailsNaming("rootwatch:organizationId", Map.of(ORGANIZATION_ID, organization));
    }

    @ParameterizedTest
    @ValueSource(strings = {"delete", "DESTROY", "snapshot"})
    void aBadRemovalPolicyNamesTheRemovalPolicyKey(String policy) {
        assertSynthFailsNaming("rootwatch:removalPolicy", Map.of(REMOVAL_POLICY, policy));
    }

    @Test
    void aSlackWorkspaceWithoutAChannelNamesTheChannelKey() {
        assertSynthFailsNaming("rootwatch:slackChannelId", Map.of(SLACK_WORKSPACE_ID, "T07EXAMPLE1"));
    }

    @Test
    void aSlackChannelWithoutAWorkspaceNamesTheWorkspaceKey() {
        assertSynthFailsNaming("rootwatch:slackWorkspaceId", Map.of(SLACK_CHANNEL_ID, "C07EXAMPLE1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {TEAMS_TENANT_ID, TEAMS_TEAM_ID, TEAMS_CHANNEL_ID})
    void incompleteTeamsIdsNameTheMissingKey(String missing) {
        Map<String, Object> context = new HashMap<>(Map.of(
                TEAMS_TENANT_ID, Synthesized.TEAMS_TENANT, TEAMS_TEAM_ID, Synthesized.TEAMS_TEAM,
                TEAMS_CHANNEL_ID, Synthesized.TEAMS_CHANNEL));
        context.remove(missing);
        assertSynthFailsNaming(missing, context);
    }

    @Test
    void aTeamsChannelIdAsTeamsShowsItNotUrlEncodedNamesTheChannelKey() {
        assertSynthFailsNaming(TEAMS_CHANNEL_ID, Map.of(TEAMS_TENANT_ID, Synthesized.TEAMS_TENANT, TEAMS_TEAM_ID,
                Synthesized.TEAMS_TEAM, TEAMS_CHANNEL_ID, "19:b6ef35dc342d56ba5654e6fc6d25a071@thread.tacv2"));
    }

    @Test
    void lookingUpAccountNamesWithoutAnOrganizationNamesTheLookUpKey() {
        assertSynthFailsNaming(RootwatchSettings.LOOK_UP_ACCOUNT_NAMES, Map.of(RootwatchSettings.LOOK_UP_ACCOUNT_NAMES, "true"));
    }

    @Test
    void aListedAccountThatIsNotAnAccountIdNamesTheListKey() {
        assertSynthFailsNaming(RootwatchSettings.SINGLE_ACCOUNT_IDS, Map.of(RootwatchSettings.SINGLE_ACCOUNT_IDS, "444455556666,prod"));
    }

    @Test
    void listedAccountsBesideAnOrganizationNameTheListKey() {
        assertSynthFailsNaming(RootwatchSettings.SINGLE_ACCOUNT_IDS, Map.of(RootwatchSettings.SINGLE_ACCOUNT_IDS, "444455556666",
                RootwatchSettings.ORGANIZATION_ID, "o-a1b2c3d4e5"));
    }

    @Test
    void aSingleTeamsIdNamesAMissingTeamsKey() {
        assertThatThrownBy(() -> RootwatchApp.build(Synthesized.app(Map.of(TEAMS_TEAM_ID, Synthesized.TEAMS_TEAM)),
                Synthesized.detectorJar()))
                .isInstanceOf(RootwatchSettings.InvalidSetting.class)
                .hasMessageMatching(".*rootwatch:teams(TenantId|ChannelId).*");
    }

    static Stream<Arguments> badAccountNames() {
        return Stream.of(
                Arguments.of(Map.of("1111", "short-id")),
                Arguments.of(Map.of("111122223333", " ")),
                Arguments.of("111122223333=prod"));
    }

    @ParameterizedTest
    @MethodSource("badAccountNames")
    void badAccountNamesNameTheAccountNamesKey(Object names) {
        assertSynthFailsNaming("rootwatch:accountNames", Map.of(ACCOUNT_NAMES, names));
    }

    @Test
    void withoutContextTheDefaultsApply() {
        RootwatchSettings settings = read(Map.of());
        assertThat(settings.homeRegion()).isEqualTo("us-east-1");
        assertThat(settings.alertEmails()).isEmpty();
        assertThat(settings.emailSeverities()).isEmpty();
        assertThat(settings.slack()).isEmpty();
        assertThat(settings.teams()).isEmpty();
        assertThat(settings.retentionDays()).isEqualTo(400);
        assertThat(settings.accountNames()).isEmpty();
        assertThat(settings.organizationId()).isEmpty();
        assertThat(settings.destroyOnRemoval()).isFalse();
    }

    @Test
    void theShippedCdkJsonContextIsValid() throws IOException {
        Path cdkJson = Path.of(System.getProperty("rootwatch.repo", "..")).resolve("cdk.json");
        Map<String, Object> cdk = Synthesized.JSON.readValue(cdkJson.toFile(), new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) cdk.get("context");
        RootwatchSettings settings = read(context);
        assertThat(settings.homeRegion()).isEqualTo("us-east-1");
        assertThat(settings.emailSeverities()).containsExactly("CRITICAL", "HIGH");
        assertThat(settings.retentionDays()).isEqualTo(400);
        assertThat(settings.destroyOnRemoval()).isFalse();
    }

    @Test
    void commaSeparatedValuesFromTheCommandLineAreLists() {
        RootwatchSettings settings = read(Map.of(
                ALERT_EMAILS, "secops@example.com, cloud-admins@example.com",
                EMAIL_SEVERITIES, "critical,High"));
        assertThat(settings.alertEmails()).containsExactly("secops@example.com", "cloud-admins@example.com");
        assertThat(settings.emailSeverities()).containsExactly("CRITICAL", "HIGH");
    }

    @Test
    void everyOptionalSettingIsReadAsGiven() {
        RootwatchSettings settings = read(Synthesized.fullContext());
        assertThat(settings.homeRegion()).isEqualTo("eu-west-1");
        assertThat(settings.slack()).contains(new RootwatchSettings.SlackChannel(Synthesized.SLACK_WORKSPACE, Synthesized.SLACK_CHANNEL));
        assertThat(settings.teams()).contains(new RootwatchSettings.TeamsChannel(
                Synthesized.TEAMS_TENANT, Synthesized.TEAMS_TEAM, Synthesized.TEAMS_CHANNEL));
        assertThat(settings.accountNames()).containsOnly(Map.entry(Synthesized.ACCOUNT, Synthesized.ACCOUNT_NAME));
        assertThat(settings.organizationId()).contains("o-a1b2c3d4e5");
    }

    @Test
    void retentionZeroKeepsEventsForever() {
        assertThat(read(Map.of(RETENTION_DAYS, "0")).retentionDays()).isZero();
    }
}
