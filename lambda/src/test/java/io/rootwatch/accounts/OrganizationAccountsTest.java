package io.rootwatch.accounts;

import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The organization's accounts from {@code ListAccounts}, against moto_server's Organizations,
 * through a proxy that counts the pages and answers AWS's errors when told to.
 */
class OrganizationAccountsTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    /** moto's management account: the one whose credentials create the organization. */
    private static final String MANAGEMENT = "123456789012";

    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private OrganizationsProxy proxy;
    private MotoOrganizations moto;

    @BeforeEach
    void freshOrganization() throws Exception {
        MOTO.reset();
        proxy = new OrganizationsProxy(MOTO.endpoint());
        moto = new MotoOrganizations(MOTO.endpoint());
    }

    @AfterEach
    void close() {
        moto.close();
        proxy.close();
        http.close();
    }

    private OrganizationAccounts accounts(int pageSize) {
        return new OrganizationAccounts(OrganizationsEndpoint.GLOBAL.at(proxy.endpoint()), MotoServer.CREDENTIALS, http, pageSize);
    }

    @Test
    void everyAccountIsListedWithItsStatusNameAndArn() throws Exception {
        moto.createOrganization();
        String finance = moto.createAccount("finance");
        String closed = moto.createAccount("closed");
        moto.closeAccount(closed);

        List<OrganizationAccount> listed = accounts(OrganizationAccounts.MAX_PAGE_SIZE).list();

        assertThat(listed).extracting(OrganizationAccount::id).containsExactlyInAnyOrder(MANAGEMENT, finance, closed);
        assertThat(listed).filteredOn(a -> a.id().equals(finance)).singleElement().satisfies(account -> {
            assertThat(account.name()).isEqualTo("finance");
            assertThat(account.active()).isTrue();
            assertThat(account.managementAccountId()).contains(MANAGEMENT);
            assertThat(account.organizationId()).hasValueSatisfying(id -> assertThat(id).startsWith("o-"));
        });
        assertThat(listed).filteredOn(a -> a.id().equals(closed)).singleElement()
                .satisfies(account -> assertThat(account.status()).isEqualTo("SUSPENDED"));
    }

    @Test
    void everyPageIsReadUntilThereIsNoNextToken() throws Exception {
        moto.createOrganization();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            created.add(moto.createAccount("member" + i));
        }

        List<OrganizationAccount> listed = accounts(2).list();

        assertThat(listed).extracting(OrganizationAccount::id).doesNotHaveDuplicates().containsAll(created).contains(MANAGEMENT)
                .hasSize(7);
        assertThat(proxy.calls(OrganizationAccounts.OPERATION)).isEqualTo(4);
    }

    @Test
    void eachPageAsksForTheLargestPageAwsGives() throws Exception {
        moto.createOrganization();

        new OrganizationAccounts(OrganizationsEndpoint.GLOBAL.at(proxy.endpoint()), MotoServer.CREDENTIALS, http).list();

        assertThat(proxy.seen()).singleElement().satisfies(request -> {
            assertThat(request.header("X-Amz-Target")).isEqualTo("AWSOrganizationsV20161128.ListAccounts");
            assertThat(new String(request.body())).isEqualTo("{\"MaxResults\":20}");
            assertThat(request.header("Authorization")).contains("/us-east-1/organizations/aws4_request");
        });
    }

    @Test
    void anAccountThatLeftTheOrganizationIsNoLongerListed() throws Exception {
        moto.createOrganization();
        String leaving = moto.createAccount("leaving");
        moto.removeAccount(leaving);

        assertThat(accounts(20).list()).extracting(OrganizationAccount::id).containsExactly(MANAGEMENT);
    }

    @Test
    void aCallerThatMayNotListAccountsIsToldSo() {
        proxy.answer(400, "AccessDeniedException", "{\"Message\":\"You don't have permissions to access this resource.\"}");

        assertThatThrownBy(() -> accounts(20).list()).isInstanceOfSatisfying(OrganizationsException.class, e -> {
            assertThat(e.accessDenied()).isTrue();
            assertThat(e.getMessage()).isEqualTo("HTTP 400 AccessDeniedException: You don't have permissions to access this resource.");
        });
    }

    @Test
    void anAccountOutsideAnyOrganizationIsToldSoByAws() {
        proxy.answer(400, "AWSOrganizationsNotInUseException", "{\"Message\":\"Your account is not a member of an organization.\"}");

        assertThatThrownBy(() -> accounts(20).list()).isInstanceOfSatisfying(OrganizationsException.class,
                e -> assertThat(e.notInUse()).isTrue());
    }

    @Test
    void anAccountOutsideAnyOrganizationListsNothingOnMoto() throws Exception {
        assertThat(accounts(20).list()).isEmpty();
    }

    @Test
    void anUnreachableEndpointIsAnErrorWithoutType() throws Exception {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        OrganizationAccounts unreachable = new OrganizationAccounts(OrganizationsEndpoint.GLOBAL.at(closed), MotoServer.CREDENTIALS, http);

        assertThatThrownBy(unreachable::list).isInstanceOfSatisfying(OrganizationsException.class, e -> {
            assertThat(e.errorType()).isEmpty();
            assertThat(e.getMessage()).startsWith("ListAccounts got no answer from " + closed);
        });
    }

    @Test
    void anAnswerWithoutAnAccountListIsNotTakenForAnEmptyOrganization() {
        proxy.answer(200, null, "{\"Something\":[]}");

        assertThatThrownBy(() -> accounts(20).list()).isInstanceOf(OrganizationsException.class)
                .hasMessage("ListAccounts: no Accounts list in a ListAccounts page");
    }

    @Test
    void aServiceRepeatingItsNextTokenDoesNotLoopForever() {
        proxy.answer(200, null, "{\"Accounts\":[],\"NextToken\":\"again\"}");

        assertThatThrownBy(() -> accounts(20).list()).isInstanceOf(OrganizationsException.class)
                .hasMessageContaining("the same NextToken twice");
    }
}
