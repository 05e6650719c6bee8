package io.rootwatch.accounts;

import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configured names, the combination of sources, and where Organizations is called. */
class AccountNamesTest {
    private static final String PAYMENTS = "111122223333";
    private static final String LOGS = "444455556666";

    @Test
    void configuredNamesAreFoundTrimmed() {
        AccountNames configured = new ConfiguredAccountNames(Map.of(PAYMENTS, " prod-payments "));

        assertThat(configured.nameOf(PAYMENTS)).contains("prod-payments");
        assertThat(configured.nameOf(LOGS)).isEmpty();
        assertThat(configured.nameOf(null)).isEmpty();
    }

    @Test
    void configuredEntriesThatAreNotAccountsOrNamesAreIgnored() {
        Map<String, String> entries = new HashMap<>();
        entries.put("1111", "short");
        entries.put(LOGS, "  ");
        entries.put(PAYMENTS, null);

        assertThat(new ConfiguredAccountNames(entries).size()).isZero();
    }

    @Test
    void theFirstSourceWithANameWinsAndLaterSourcesAreNotAsked() {
        List<String> askedSecond = new ArrayList<>();
        AccountNames second = accountId -> {
            askedSecond.add(accountId);
            return Optional.of("from the second");
        };
        AccountNames both = AccountNames.firstOf(new ConfiguredAccountNames(Map.of(PAYMENTS, "configured")), second);

        assertThat(both.nameOf(PAYMENTS)).contains("configured");
        assertThat(askedSecond).isEmpty();
        assertThat(both.nameOf(LOGS)).contains("from the second");
        assertThat(askedSecond).containsExactly(LOGS);
    }

    @Test
    void aSourceThatFailsIsPassedOver() {
        AccountNames broken = accountId -> {
            throw new IllegalStateException("broken");
        };
        AccountNames nulls = accountId -> null;

        assertThat(AccountNames.firstOf(broken, nulls, new ConfiguredAccountNames(Map.of(PAYMENTS, "found"))).nameOf(PAYMENTS))
                .contains("found");
        assertThat(AccountNames.firstOf(broken).nameOf(PAYMENTS)).isEmpty();
        assertThat(AccountNames.none().nameOf(PAYMENTS)).isEmpty();
    }

    @Test
    void anAccountIdIsTwelveAsciiDigits() {
        assertThat(AccountNames.isAccountId(PAYMENTS)).isTrue();
        assertThat(AccountNames.isAccountId("11112222333")).isFalse();
        assertThat(AccountNames.isAccountId("١١١١٢٢٢٢٣٣٣٣")).isFalse();
        assertThat(AccountNames.isAccountId(null)).isFalse();
    }

    @Test
    void withoutEndpointSettingsTheGlobalEndpointIsCalledSignedForUsEast1() {
        try (OrganizationsAccountNames names = OrganizationsAccountNames.fromEnvironment(
                Map.of("AWS_REGION", "eu-west-1"), MotoServer.CREDENTIALS)) {
            assertThat(names.endpoint()).isEqualTo(URI.create("https://organizations.us-east-1.amazonaws.com"));
            assertThat(names.signingRegion()).isEqualTo("us-east-1");
        }
    }

    @Test
    void chinaAndGovCloudCallTheirPartitionsEndpoint() {
        try (OrganizationsAccountNames china = OrganizationsAccountNames.fromEnvironment(
                Map.of("AWS_REGION", "cn-north-1"), MotoServer.CREDENTIALS);
             OrganizationsAccountNames gov = OrganizationsAccountNames.fromEnvironment(
                     Map.of("AWS_DEFAULT_REGION", "us-gov-east-1"), MotoServer.CREDENTIALS)) {
            assertThat(china.endpoint()).isEqualTo(URI.create("https://organizations.cn-northwest-1.amazonaws.com.cn"));
            assertThat(china.signingRegion()).isEqualTo("cn-northwest-1");
            assertThat(gov.endpoint()).isEqualTo(URI.create("https://organizations.us-gov-west-1.amazonaws.com"));
            assertThat(gov.signingRegion()).isEqualTo("us-gov-west-1");
        }
    }

    @Test
    void theEndpointUrlVariablesReplaceTheEndpointAsTheSdkHonoursThem() {
        try (OrganizationsAccountNames general = OrganizationsAccountNames.fromEnvironment(
                Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), MotoServer.CREDENTIALS);
             OrganizationsAccountNames specific = OrganizationsAccountNames.fromEnvironment(Map.of(
                     "AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                     "AWS_ENDPOINT_URL_ORGANIZATIONS", "http://127.0.0.1:5000"), MotoServer.CREDENTIALS);
             OrganizationsAccountNames ignored = OrganizationsAccountNames.fromEnvironment(Map.of(
                     "AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                     "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"), MotoServer.CREDENTIALS)) {
            assertThat(general.endpoint()).isEqualTo(URI.create("http://127.0.0.1:4566"));
            assertThat(general.signingRegion()).as("still signed for the global endpoint's region").isEqualTo("us-east-1");
            assertThat(specific.endpoint()).isEqualTo(URI.create("http://127.0.0.1:5000"));
            assertThat(ignored.endpoint()).isEqualTo(OrganizationsAccountNames.GLOBAL_ENDPOINT);
        }
    }

    @Test
    void anEndpointUrlThatIsNotAUrlIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> OrganizationsAccountNames.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "localhost:4566"),
                MotoServer.CREDENTIALS)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS_ENDPOINT_URL");
        assertThatThrownBy(() -> OrganizationsAccountNames.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://a b"),
                MotoServer.CREDENTIALS)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS_ENDPOINT_URL");
    }
}
