package io.rootwatch.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.rootwatch.infra.RootwatchSettings.CENTRAL_ACCOUNT;
import static io.rootwatch.infra.RootwatchSettings.FORWARDER_DLQ_ALARMS;
import static io.rootwatch.infra.RootwatchSettings.FORWARDER_REGIONS;
import static io.rootwatch.infra.RootwatchSettings.HOME_REGION;
import static io.rootwatch.infra.RootwatchSettings.MANAGEMENT_ACCOUNT;
import static io.rootwatch.infra.RootwatchSettings.MODE;
import static io.rootwatch.infra.RootwatchSettings.ORGANIZATIONAL_UNITS;
import static io.rootwatch.infra.RootwatchSettings.ORGANIZATION_ID;
import static io.rootwatch.infra.RootwatchSettings.ORGANIZATION_ROOT_ID;
import static io.rootwatch.infra.RootwatchSettings.SINGLE_ACCOUNT_IDS;
import static io.rootwatch.infra.RootwatchSettings.STACK_SET_CALL_AS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The forwarding settings are validated before anything is built, and a wrong one names its
 * context key; the defaults are the organization mode when an organization id is given, the
 * regions every account has enabled, and the organization root.
 */
class ForwardingSettingsTest {
    private static final String CENTRAL = "111111111111";
    private static final String MANAGEMENT = "222222222222";

    /** A complete organization-mode context, to be spoiled one key at a time. */
    private static Map<String, Object> organization() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(ORGANIZATION_ID, "o-a1b2c3d4e5");
        context.put(CENTRAL_ACCOUNT, CENTRAL);
        context.put(MANAGEMENT_ACCOUNT, MANAGEMENT);
        context.put(ORGANIZATION_ROOT_ID, "r-ab12");
        return context;
    }

    private static Map<String, Object> organizationWith(String key, Object value) {
        Map<String, Object> context = organization();
        if (value == null) {
            context.remove(key);
        } else {
            context.put(key, value);
        }
        return context;
    }

    private static Optional<Forwarding> read(Map<String, Object> context) {
        var node = Synthesized.app(context).getNode();
        return Forwarding.from(node, RootwatchSettings.from(node));
    }

    /** Builds the app as {@code cdk synth} does and expects it to stop, naming this key. */
    private static void assertSynthFailsNaming(String key, Map<String, Object> context) {
        assertThatThrownBy(() -> RootwatchApp.build(Synthesized.app(context), Synthesized.detectorJar()))
                .isInstanceOf(RootwatchSettings.InvalidSetting.class)
                .hasMessageContaining(key);
    }

    // ---- errors name their keys ----

    @ParameterizedTest
    @ValueSource(strings = {"org", "ORGANIZATION", "single", "multi-account"})
    void aBadModeNamesTheModeKey(String mode) {
        assertSynthFailsNaming(MODE, organizationWith(MODE, mode));
    }

    @Test
    void organizationModeWithoutAnOrganizationIdNamesTheModeKey() {
        Map<String, Object> context = organizationWith(MODE, "organization");
        context.remove(ORGANIZATION_ID);
        assertSynthFailsNaming(MODE, context);
    }

    @ParameterizedTest
    @ValueSource(strings = {"11111111111", "1111111111111", "abcdefghijkl", "1111-2222-3333"})
    void aBadCentralAccountNamesItsKey(String account) {
        assertSynthFailsNaming(CENTRAL_ACCOUNT, organizationWith(CENTRAL_ACCOUNT, account));
    }

    @Test
    void aModeWithoutACentralAccountNamesTheCentralAccountKey() {
        assertSynthFailsNaming(CENTRAL_ACCOUNT, Map.of(MODE, "single-account"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1,mars-north-1", "US-EAST-1", "eu-west-1a"})
    void aBadForwarderRegionNamesItsKey(String regions) {
        assertSynthFailsNaming(FORWARDER_REGIONS, organizationWith(FORWARDER_REGIONS, regions));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ou-ab12", "o-a1b2c3d4e5", "r-ab12,engineering"})
    void aBadOrganizationalUnitNamesItsKey(String units) {
        assertSynthFailsNaming(ORGANIZATIONAL_UNITS, organizationWith(ORGANIZATIONAL_UNITS, units));
    }

    @Test
    void noOrganizationalUnitAndNoRootIdNamesTheRootIdKey() {
        assertSynthFailsNaming(ORGANIZATION_ROOT_ID, organizationWith(ORGANIZATION_ROOT_ID, null));
    }

    @Test
    void aBadRootIdNamesItsKey() {
        assertSynthFailsNaming(ORGANIZATION_ROOT_ID, organizationWith(ORGANIZATION_ROOT_ID, "ou-ab12-cd34ef56"));
    }

    @Test
    void organizationModeWithoutTheManagementAccountNamesItsKey() {
        assertSynthFailsNaming(MANAGEMENT_ACCOUNT, organizationWith(MANAGEMENT_ACCOUNT, null));
    }

    @Test
    void aBadManagementAccountNamesItsKey() {
        assertSynthFailsNaming(MANAGEMENT_ACCOUNT, organizationWith(MANAGEMENT_ACCOUNT, "2222"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"self", "ADMIN", "DELEGATED-ADMIN"})
    void aBadCallAsNamesItsKey(String callAs) {
        assertSynthFailsNaming(STACK_SET_CALL_AS, organizationWith(STACK_SET_CALL_AS, callAs));
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "NONE", "every_region", "true"})
    void aBadDeadLetterAlarmsValueNamesItsKey(String alarms) {
        assertSynthFailsNaming(FORWARDER_DLQ_ALARMS, organizationWith(FORWARDER_DLQ_ALARMS, alarms));
    }

    @Test
    void listedAccountsWithoutACentralAccountNameTheCentralAccountKey() {
        assertSynthFailsNaming(CENTRAL_ACCOUNT, Map.of(SINGLE_ACCOUNT_IDS, "444455556666"));
    }

    // ---- good values ----

    @Test
    void everyForwarderAlarmsOnItsDeadLettersByDefault() {
        assertThat(read(organization()).orElseThrow().deadLetterAlarms()).isEqualTo(Forwarding.DeadLetterAlarms.EVERY_REGION);
    }

    @Test
    void deadLetterAlarmsCanBeLeftOut() {
        assertThat(read(organizationWith(FORWARDER_DLQ_ALARMS, "none")).orElseThrow().deadLetterAlarms())
                .isEqualTo(Forwarding.DeadLetterAlarms.NONE);
    }

    @Test
    void theListedAccountsForwardInSingleAccountModeLeavingOutTheCentralAccount() {
        Forwarding forwarding = read(Map.of(CENTRAL_ACCOUNT, CENTRAL, SINGLE_ACCOUNT_IDS, "444455556666," + CENTRAL + ",210987654321"))
                .orElseThrow();
        assertThat(forwarding.mode()).isEqualTo(Forwarding.Mode.SINGLE_ACCOUNT);
        assertThat(forwarding.listedAccounts()).containsExactly("444455556666", "210987654321");
    }

    @Test
    void organizationModeHasNoListedAccounts() {
        assertThat(read(organization()).orElseThrow().listedAccounts()).isEmpty();
    }

    @Test
    void withoutCentralAccountOrModeThereIsNoForwarding() {
        assertThat(read(Map.of(ORGANIZATION_ID, "o-a1b2c3d4e5"))).isEmpty();
    }

    @Test
    void anOrganizationIdMakesOrganizationTheDefaultMode() {
        assertThat(read(organization())).get().extracting(Forwarding::mode).isEqualTo(Forwarding.Mode.ORGANIZATION);
    }

    @Test
    void withoutAnOrganizationIdTheModeIsSingleAccount() {
        Forwarding forwarding = read(Map.of(CENTRAL_ACCOUNT, CENTRAL)).orElseThrow();
        assertThat(forwarding.mode()).isEqualTo(Forwarding.Mode.SINGLE_ACCOUNT);
        assertThat(forwarding.organizationalUnits()).isEmpty();
        assertThat(forwarding.managementAccount()).isEmpty();
    }

    @Test
    void theDefaultRegionsAreTheSeventeenEnabledInEveryAccount() {
        assertThat(read(organization()).orElseThrow().regions()).hasSize(17)
                .containsExactlyElementsOf(Forwarding.DEFAULT_REGIONS)
                .doesNotContain("af-south-1", "ap-east-1", "eu-south-1", "me-south-1", "il-central-1");
    }

    @Test
    void usEast1IsAlwaysForwardedFrom() {
        Map<String, Object> context = organizationWith(FORWARDER_REGIONS, List.of("eu-west-1", "eu-central-1"));
        context.put(HOME_REGION, "eu-west-1");
        assertThat(read(context).orElseThrow().regions()).containsExactlyInAnyOrder("us-east-1", "eu-west-1", "eu-central-1");
    }

    @Test
    void theHomeRegionIsAlwaysForwardedFromByMemberAccounts() {
        Map<String, Object> context = organizationWith(FORWARDER_REGIONS, "us-east-1");
        context.put(HOME_REGION, "eu-west-1");
        assertThat(read(context).orElseThrow().regions()).containsExactlyInAnyOrder("us-east-1", "eu-west-1");
    }

    @Test
    void theOrganizationalUnitsDefaultToTheRoot() {
        assertThat(read(organization()).orElseThrow().organizationalUnits()).containsExactly("r-ab12");
    }

    @Test
    void organizationalUnitsGivenReplaceTheRoot() {
        Forwarding forwarding = read(organizationWith(ORGANIZATIONAL_UNITS, "ou-ab12-cd34ef56, ou-ab12-99887766")).orElseThrow();
        assertThat(forwarding.organizationalUnits()).containsExactly("ou-ab12-cd34ef56", "ou-ab12-99887766");
    }

    @Test
    void callAsDefaultsToSelfAndAcceptsDelegatedAdmin() {
        assertThat(read(organization()).orElseThrow().callAs()).isEqualTo("SELF");
        assertThat(read(organizationWith(STACK_SET_CALL_AS, "DELEGATED_ADMIN")).orElseThrow().callAs()).isEqualTo("DELEGATED_ADMIN");
    }

    @Test
    void theCentralBusArnIsInTheHomeRegionOfTheCentralAccount() {
        Map<String, Object> context = organizationWith(HOME_REGION, "eu-west-1");
        assertThat(read(context).orElseThrow().centralBusArn())
                .isEqualTo("arn:aws:events:eu-west-1:" + CENTRAL + ":event-bus/rootwatch-root-activity");
    }
}
