package io.rootwatch.cli.doctor;

import io.rootwatch.accounts.OrganizationAccount;
import io.rootwatch.accounts.OrganizationsException;
import io.rootwatch.cli.doctor.OrganizationCoverageCheck.Expected;
import io.rootwatch.cli.doctor.OrganizationCoverageCheck.Listing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comparison of the organization's accounts with the StackSet's instances, and the verdict
 * for each way the listing or the StackSet can come out (AWS's refusals, which moto_server does not
 * make, included).
 */
class OrganizationCoverageCheckTest {
    private static final String ORGANIZATION = "o-a1b2c3d4e5";
    private static final String MANAGEMENT = "999988887777";
    private static final String CENTRAL = "111122223333";
    private static final String MEMBER = "222233334444";
    private static final String JOINED = "444455556666";
    private static final List<Region> REGIONS = List.of(Region.US_EAST_1, Region.EU_WEST_1);
    private static final String STACK_SET = "rootwatch-forwarders";

    private static OrganizationAccount account(String id, String name, String status) {
        return new OrganizationAccount(id, name, status,
                "arn:aws:organizations::" + MANAGEMENT + ":account/" + ORGANIZATION + "/" + id);
    }

    private static OrganizationAccount active(String id, String name) {
        return account(id, name, "ACTIVE");
    }

    /** The management, central and member accounts, all active. */
    private static List<OrganizationAccount> organization(OrganizationAccount... more) {
        List<OrganizationAccount> accounts = new ArrayList<>(List.of(active(MANAGEMENT, "management"), active(CENTRAL, "security"),
                active(MEMBER, "workloads")));
        accounts.addAll(Arrays.asList(more));
        return accounts;
    }

    private static StackInstanceSummary instance(String account, String region) {
        return StackInstanceSummary.builder().account(account).region(region).build();
    }

    private static List<StackInstanceSummary> everywhere(String... accounts) {
        return Arrays.stream(accounts).flatMap(a -> REGIONS.stream().map(r -> instance(a, r.id()))).toList();
    }

    private static Expected expected(StackSetLookup stackSet, boolean named) {
        return new Expected(MANAGEMENT, CENTRAL, REGIONS, stackSet, STACK_SET, named);
    }

    private static Expected found(List<StackInstanceSummary> instances) {
        return expected(new StackSetLookup.Found(StackSet.builder().stackSetName(STACK_SET).build(), instances), false);
    }

    private static List<Finding> compare(List<OrganizationAccount> accounts, List<StackInstanceSummary> instances) {
        return OrganizationCoverageCheck.compare(found(instances), accounts, instances);
    }

    @Test
    void everyActiveMemberInEveryRegionPasses() {
        List<Finding> findings = compare(organization(), everywhere(MEMBER));

        assertThat(findings).containsExactly(Finding.pass(OrganizationCoverageCheck.NAME, ORGANIZATION,
                "1 active member accounts, each with an instance of rootwatch-forwarders in all 2 regions;"
                        + " 111122223333 (central), 999988887777 (management): forwarder stacks of their own"));
    }

    @Test
    void anAccountThatJoinedWithoutInstancesFailsNamingIt() {
        List<Finding> findings = compare(organization(active(JOINED, "new-team")), everywhere(MEMBER));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.status()).isEqualTo(Status.FAIL);
            assertThat(finding.detail()).isEqualTo("2 of 4 account/region pairs have no instance of rootwatch-forwarders, in 1 of 2"
                    + " active member accounts: 444455556666 new-team (all 2 regions)");
        });
    }

    @Test
    void aRegionMissingInOneAccountIsNamed() {
        List<Finding> findings = compare(organization(), List.of(instance(MEMBER, "us-east-1")));

        assertThat(findings).singleElement().satisfies(finding -> assertThat(finding.detail())
                .endsWith("1 of 2 account/region pairs have no instance of rootwatch-forwarders, in 1 of 1 active member accounts:"
                        + " 222233334444 workloads (eu-west-1)"));
    }

    @Test
    void theManagementAndCentralAccountsNeedNoInstance() {
        assertThat(compare(organization(), everywhere(MEMBER))).extracting(Finding::status).containsExactly(Status.PASS);
    }

    @Test
    void aCentralAccountThatIsAlsoTheManagementAccountIsSaidOnce() {
        Expected expected = new Expected(MANAGEMENT, MANAGEMENT, REGIONS, found(List.of()).stackSet(), STACK_SET, false);

        List<Finding> findings = OrganizationCoverageCheck.compare(expected,
                List.of(active(MANAGEMENT, "management"), active(MEMBER, "workloads")), everywhere(MEMBER));

        assertThat(findings).singleElement().satisfies(finding -> assertThat(finding.detail())
                .contains("999988887777 (management and central): forwarder stacks of their own"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SUSPENDED", "PENDING_CLOSURE"})
    void anAccountNotActiveIsIgnoredAndSaidSo(String status) {
        List<Finding> findings = compare(organization(account(JOINED, "closing", status)), everywhere(MEMBER));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.status()).isEqualTo(Status.PASS);
            assertThat(finding.detail()).endsWith("; ignored, not active: 444455556666 (" + status + ")");
        });
    }

    @Test
    void instancesInAnAccountNotInTheOrganizationWarn() {
        List<Finding> findings = compare(organization(), everywhere(MEMBER, JOINED));

        assertThat(findings).extracting(Finding::status).containsExactly(Status.PASS, Status.WARN);
        assertThat(findings.get(1).detail()).startsWith("2 instances in 1 accounts not in the organization: 444455556666"
                + " (eu-west-1, us-east-1): the central bus refuses their events");
    }

    @Test
    void beyondTenUncoveredAccountsTheRestAreCounted() {
        List<OrganizationAccount> joined = IntStream.range(0, 12).mapToObj(i -> active("5555000000" + String.format("%02d", i), ""))
                .toList();

        List<Finding> findings = compare(organization(joined.toArray(OrganizationAccount[]::new)), everywhere(MEMBER));

        assertThat(findings).singleElement().satisfies(finding -> assertThat(finding.detail())
                .startsWith("24 of 26 account/region pairs have no instance of rootwatch-forwarders, in 12 of 13")
                .contains("555500000009 (all 2 regions), and 2 more accounts").doesNotContain("555500000010"));
    }

    @Test
    void aNamedStackSetThatIsMissingLeavesEveryMemberUncovered() {
        List<Finding> findings = OrganizationCoverageCheck.verdict(expected(new StackSetLookup.NotFound(), true),
                () -> new Listing.Listed(organization()));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.status()).isEqualTo(Status.FAIL);
            assertThat(finding.detail()).contains("222233334444 workloads (all 2 regions)");
        });
    }

    @Test
    void accessDeniedWithAStackSetFailsSayingWhereItIsAllowed() {
        List<Finding> findings = OrganizationCoverageCheck.verdict(found(everywhere(MEMBER)),
                () -> new Listing.Failed(new OrganizationsException("AccessDeniedException", "HTTP 400 AccessDeniedException: denied")));

        assertThat(findings).containsExactly(Finding.fail(OrganizationCoverageCheck.NAME, MANAGEMENT,
                "could not check: organizations:ListAccounts: HTTP 400 AccessDeniedException: denied"
                        + " (allowed only in the management account or a delegated administrator account)"));
    }

    @Test
    void accessDeniedWithoutAStackSetWarnsAsInSingleAccountMode() {
        List<Finding> findings = OrganizationCoverageCheck.verdict(expected(new StackSetLookup.NotFound(), false),
                () -> new Listing.Failed(new OrganizationsException("AccessDeniedException", "HTTP 400 AccessDeniedException: denied")));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.status()).isEqualTo(Status.WARN);
            assertThat(finding.detail()).startsWith("cannot list the organization's accounts (HTTP 400 AccessDeniedException: denied):"
                    + " fine in single-account mode");
        });
    }

    @Test
    void outsideAnyOrganizationWithoutAStackSetPasses() {
        List<Finding> findings = OrganizationCoverageCheck.verdict(expected(new StackSetLookup.NotFound(), false),
                () -> new Listing.Failed(new OrganizationsException("AWSOrganizationsNotInUseException", "not a member")));

        assertThat(findings).containsExactly(Finding.pass(OrganizationCoverageCheck.NAME, MANAGEMENT,
                "not in an organization: single-account mode, no member account to cover"));
    }

    @Test
    void outsideAnyOrganizationWithAStackSetWarns() {
        List<Finding> findings = OrganizationCoverageCheck.verdict(found(everywhere(MEMBER)),
                () -> new Listing.Failed(new OrganizationsException("AWSOrganizationsNotInUseException", "not a member")));

        assertThat(findings).extracting(Finding::status).containsExactly(Status.WARN);
    }

    @Test
    void membersWithoutAStackSetHereWarnRatherThanFail() {
        List<Finding> findings = OrganizationCoverageCheck.verdict(expected(new StackSetLookup.NotFound(), false),
                () -> new Listing.Listed(organization()));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.status()).isEqualTo(Status.WARN);
            assertThat(finding.detail()).startsWith("no StackSet rootwatch-forwarders here, so 2 of 2 account/region pairs")
                    .contains("222233334444 workloads (all 2 regions)");
        });
    }

    @Test
    void aThrottledListingFails() {
        List<Finding> findings = OrganizationCoverageCheck.verdict(expected(new StackSetLookup.NotFound(), false),
                () -> new Listing.Failed(new OrganizationsException("TooManyRequestsException", "HTTP 400 TooManyRequestsException")));

        assertThat(findings).extracting(Finding::status).containsExactly(Status.FAIL);
    }

    @Test
    void anUnreadableStackSetFailsWithItsReason() {
        List<Finding> findings = OrganizationCoverageCheck.verdict(expected(new StackSetLookup.Unreadable("AccessDenied: no"), false),
                () -> {
                    throw new AssertionError("nothing to compare the accounts with: they are not listed");
                });

        assertThat(findings).containsExactly(Finding.fail(OrganizationCoverageCheck.NAME, MANAGEMENT,
                "could not check: the StackSet rootwatch-forwarders could not be read (AccessDenied: no)"));
    }
}
