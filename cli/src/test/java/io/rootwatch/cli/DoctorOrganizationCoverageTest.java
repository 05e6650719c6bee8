package io.rootwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.accounts.MotoOrganizations;
import io.rootwatch.cli.aws.MotoAws;
import io.rootwatch.deployment.DeploymentNames;
import io.rootwatch.testing.DummyCredentials;
import io.rootwatch.testing.FaultyEndpoint;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Does every account of the organization have a forwarder?", asked of moto_server's Organizations
 * (CreateOrganization, CreateAccount, CloseAccount, RemoveAccountFromOrganization, ListAccounts)
 * and of a StackSet's instances there. The caller, moto's default account 123456789012, is both
 * the management and the central account, so it needs no instance.
 */
@DummyCredentials
class DoctorOrganizationCoverageTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String CALLER = "123456789012";
    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");

    private MotoOrganizations organizations;

    @BeforeEach
    void emptyMoto() throws Exception {
        MOTO.reset();
        organizations = new MotoOrganizations(MOTO.endpoint());
    }

    @AfterEach
    void close() {
        organizations.close();
    }

    /** The forwarders' StackSet with an instance for each account in each of {@link #REGIONS}. */
    private static void instances(List<String> accounts) {
        try (CloudFormationClient cloudFormation = MotoAws.options(MOTO).cloudFormation()) {
            // Self-managed: moto expands a service-managed StackSet's OUs only with an organization to read them from.
            cloudFormation.createStackSet(b -> b.stackSetName(DeploymentNames.FORWARDER_STACK_SET)
                    .templateBody("{\"Resources\": {\"Nothing\": {\"Type\": \"AWS::CloudFormation::WaitConditionHandle\"}}}"));
            cloudFormation.createStackInstances(b -> b.stackSetName(DeploymentNames.FORWARDER_STACK_SET)
                    .accounts(accounts).regions(REGIONS));
        }
    }

    /** The organization-coverage findings of a doctor run, as JSON. */
    private static List<JsonNode> coverage() {
        return coverageThrough(MOTO.endpoint());
    }

    private static List<JsonNode> coverageThrough(URI endpoint) {
        Rootwatch.Run run = Rootwatch.run("doctor", "--json", "--region", "us-east-1", "--endpoint-url", endpoint.toString());
        return run.jsonLines().stream().filter(line -> line.path("check").asText().equals("organization-coverage")).toList();
    }

    private static JsonNode single(List<JsonNode> findings) {
        assertThat(findings).hasSize(1);
        return findings.getFirst();
    }

    @Test
    void everyMemberAccountWithInstancesInEveryRegionPasses() throws Exception {
        organizations.createOrganization();
        instances(List.of(organizations.createAccount("workloads"), organizations.createAccount("data")));

        JsonNode finding = single(coverage());

        assertThat(finding.path("status").asText()).isEqualTo("PASS");
        assertThat(finding.path("scope").asText()).startsWith("o-");
        assertThat(finding.path("detail").asText()).isEqualTo("2 active member accounts, each with an instance of"
                + " rootwatch-forwarders in all 2 regions; " + CALLER + " (management and central): forwarder stacks of their own");
    }

    @Test
    void anAccountThatJoinedWithoutInstancesFailsNamingIt() throws Exception {
        organizations.createOrganization();
        instances(List.of(organizations.createAccount("workloads")));
        String joined = organizations.createAccount("new-team");

        JsonNode finding = single(coverage());

        assertThat(finding.path("status").asText()).isEqualTo("FAIL");
        assertThat(finding.path("detail").asText()).isEqualTo("2 of 4 account/region pairs have no instance of rootwatch-forwarders,"
                + " in 1 of 2 active member accounts: " + joined + " new-team (all 2 regions)");
    }

    @Test
    void aSuspendedAccountIsIgnoredAndSaidSo() throws Exception {
        organizations.createOrganization();
        instances(List.of(organizations.createAccount("workloads")));
        String closed = organizations.createAccount("closed");
        organizations.closeAccount(closed);

        JsonNode finding = single(coverage());

        assertThat(finding.path("status").asText()).isEqualTo("PASS");
        assertThat(finding.path("detail").asText()).startsWith("1 active member accounts")
                .endsWith("; ignored, not active: " + closed + " (SUSPENDED)");
    }

    @Test
    void instancesInAnAccountThatLeftTheOrganizationWarn() throws Exception {
        organizations.createOrganization();
        String staying = organizations.createAccount("workloads");
        String leaving = organizations.createAccount("leaving");
        instances(List.of(staying, leaving));
        organizations.removeAccount(leaving);

        List<JsonNode> findings = coverage();

        assertThat(findings).extracting(f -> f.path("status").asText()).containsExactly("PASS", "WARN");
        assertThat(findings.get(1).path("detail").asText()).startsWith("2 instances in 1 accounts not in the organization: "
                + leaving + " (eu-west-1, us-east-1)");
    }

    @Test
    void anAccountOnTheSecondPageOfListAccountsIsCompared() throws Exception {
        organizations.createOrganization();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            members.add(organizations.createAccount("member" + i));
        }
        // With the management account, 22 accounts: the last one joined comes on the second page of 20.
        instances(members.subList(0, 20));

        JsonNode finding = single(coverage());

        assertThat(finding.path("status").asText()).isEqualTo("FAIL");
        assertThat(finding.path("detail").asText()).isEqualTo("2 of 42 account/region pairs have no instance of"
                + " rootwatch-forwarders, in 1 of 21 active member accounts: " + members.getLast() + " member20 (all 2 regions)");
    }

    @Test
    void outsideAnyOrganizationWithoutAStackSetThereIsNothingToCover() {
        JsonNode finding = single(coverage());

        assertThat(finding.path("status").asText()).isEqualTo("PASS");
        assertThat(finding.path("detail").asText()).isEqualTo("not in an organization: single-account mode, no member account to cover");
    }

    @Test
    void aThrottledListAccountsFailsWithTheReason() throws Exception {
        organizations.createOrganization();
        instances(List.of(organizations.createAccount("workloads")));
        try (FaultyEndpoint throttled = new FaultyEndpoint(MOTO.endpoint())) {
            throttled.mode(FaultyEndpoint.Mode.RATE_EXCEEDED);
            throttled.onlyFor("organizations");

            JsonNode finding = single(coverageThrough(throttled.endpoint()));

            assertThat(finding.path("status").asText()).isEqualTo("FAIL");
            assertThat(finding.path("scope").asText()).isEqualTo(CALLER);
            assertThat(finding.path("detail").asText())
                    .isEqualTo("could not check: organizations:ListAccounts: HTTP 400 ThrottlingException: Rate exceeded");
            assertThat(throttled.refused()).isEqualTo(1);
        }
    }
}
