package io.rootwatch.lambda;

import io.rootwatch.accounts.AccountNames;
import io.rootwatch.accounts.ConfiguredAccountNames;
import io.rootwatch.accounts.MotoOrganizations;
import io.rootwatch.accounts.OrganizationsAccountNames;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.rootwatch.testing.DetectorFixture.eventIdOf;
import static io.rootwatch.testing.DetectorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;

/** Alerts name the account: from the configured names first, then from AWS Organizations when allowed. */
class AccountNamingTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private DetectorFixture fixture;
    private String memberAccount;

    @BeforeEach
    void organizationWithAMember() throws Exception {
        fixture = new DetectorFixture(MOTO);
        try (MotoOrganizations organizations = new MotoOrganizations(MOTO.endpoint())) {
            organizations.createOrganization();
            memberAccount = organizations.createAccount("payments-prod");
        }
    }

    private EventProcessor detectorNaming(AccountNames names) {
        return new EventProcessor(fixture.config(), names, fixture.dynamo, fixture.sns, fixture.clock);
    }

    @Test
    void aMemberAccountIsNamedFromOrganizations() throws Exception {
        AccountNames names = AccountNames.firstOf(new ConfiguredAccountNames(Map.of()), OrganizationsAccountNames.builder()
                .endpoint(MOTO.endpoint()).credentials(MotoServer.CREDENTIALS).build());
        String body = sample("signin-root-success-no-mfa.json", "detail.recipientAccountId", memberAccount);

        detectorNaming(names).process(body);

        assertThat(fixture.event(eventIdOf(body)).orElseThrow().get("accountName").s()).isEqualTo("payments-prod");
        assertThat(fixture.inbox.notifications().getFirst().path("Subject").asText()).contains("payments-prod (" + memberAccount + ")");
    }

    @Test
    void aConfiguredNameWinsOverOrganizations() throws Exception {
        AccountNames names = AccountNames.firstOf(new ConfiguredAccountNames(Map.of(memberAccount, "payments (as we call it)")),
                OrganizationsAccountNames.builder().endpoint(MOTO.endpoint()).credentials(MotoServer.CREDENTIALS).build());
        String body = sample("signin-root-success-no-mfa.json", "detail.recipientAccountId", memberAccount);

        detectorNaming(names).process(body);

        assertThat(fixture.event(eventIdOf(body)).orElseThrow().get("accountName").s()).isEqualTo("payments (as we call it)");
    }

    @Test
    void anOrganizationsOutageLeavesTheAccountUnnamedAndTheAlertSent() throws Exception {
        AccountNames names = OrganizationsAccountNames.builder().endpoint(java.net.URI.create("http://127.0.0.1:9"))
                .credentials(MotoServer.CREDENTIALS).build();
        String body = sample("signin-root-success-no-mfa.json", "detail.recipientAccountId", memberAccount);

        detectorNaming(names).process(body);

        assertThat(fixture.event(eventIdOf(body)).orElseThrow()).doesNotContainKey("accountName");
        assertThat(fixture.inbox.notifications()).hasSize(1);
    }
}
