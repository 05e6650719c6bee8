package io.rootwatch.accounts;

import io.rootwatch.accounts.LookupFailure.Reason;
import io.rootwatch.testing.MotoServer;
import io.rootwatch.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names from AWS Organizations, against moto_server's Organizations (CreateOrganization,
 * CreateAccount, DescribeAccount), through a proxy that counts and records the calls.
 */
class OrganizationsAccountNamesTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String NOBODY = "999999999999";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T06:00:00Z"));
    private final List<LookupFailure> failures = new CopyOnWriteArrayList<>();
    private OrganizationsProxy proxy;
    private MotoOrganizations moto;
    private OrganizationsAccountNames names;

    @BeforeEach
    void freshOrganization() throws Exception {
        MOTO.reset();
        proxy = new OrganizationsProxy(MOTO.endpoint());
        moto = new MotoOrganizations(MOTO.endpoint());
        names = names(OrganizationsAccountNames.builder());
    }

    @AfterEach
    void close() {
        names.close();
        moto.close();
        proxy.close();
    }

    private OrganizationsAccountNames names(OrganizationsAccountNames.Builder builder) {
        return builder.endpoint(proxy.endpoint()).credentials(MotoServer.CREDENTIALS).clock(clock)
                .onFailure(failures::add).build();
    }

    private long describeCalls() {
        return proxy.calls("DescribeAccount");
    }

    @Test
    void theNameOfAMemberAccountIsFound() throws Exception {
        moto.createOrganization();
        String payments = moto.createAccount("prod-payments");

        assertThat(names.nameOf(payments)).contains("prod-payments");
        assertThat(names.lastError()).isEmpty();
        assertThat(failures).isEmpty();
    }

    @Test
    void anUnknownAccountHasNoNameAndSaysWhy() throws Exception {
        moto.createOrganization();
        moto.createAccount("prod-payments");

        assertThat(names.nameOf(NOBODY)).isEmpty();
        assertThat(names.lastError()).hasValueSatisfying(failure -> {
            assertThat(failure.reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(failure.accountId()).isEqualTo(NOBODY);
            assertThat(failure.detail()).contains("AccountNotFoundException");
        });
    }

    @Test
    void configuredNamesWinOverOrganizations() throws Exception {
        moto.createOrganization();
        String payments = moto.createAccount("prod-payments");
        String logs = moto.createAccount("log-archive");
        AccountNames both = AccountNames.firstOf(new ConfiguredAccountNames(Map.of(payments, "Payments (production)")), names);

        assertThat(both.nameOf(payments)).contains("Payments (production)");
        assertThat(describeCalls()).as("a configured name needs no call").isZero();
        assertThat(both.nameOf(logs)).contains("log-archive");
        assertThat(describeCalls()).isEqualTo(1);
    }

    @Test
    void aSecondLookupOfTheSameAccountMakesNoSecondCall() throws Exception {
        moto.createOrganization();
        String payments = moto.createAccount("prod-payments");

        assertThat(names.nameOf(payments)).contains("prod-payments");
        assertThat(names.nameOf(payments)).contains("prod-payments");
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(names.calls()).isEqualTo(1);
    }

    @Test
    void aNameIsAskedForAgainAfterSixHours() throws Exception {
        moto.createOrganization();
        String payments = moto.createAccount("prod-payments");
        names.nameOf(payments);

        clock.advance(Duration.ofHours(6).minusSeconds(1));
        assertThat(names.nameOf(payments)).contains("prod-payments");
        assertThat(describeCalls()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(names.nameOf(payments)).contains("prod-payments");
        assertThat(describeCalls()).isEqualTo(2);
    }

    @Test
    void anAbsentAccountIsRememberedForFifteenMinutes() throws Exception {
        moto.createOrganization();

        assertThat(names.nameOf(NOBODY)).isEmpty();
        assertThat(names.nameOf(NOBODY)).isEmpty();
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(failures).as("a remembered absence is not reported again").hasSize(1);

        clock.advance(Duration.ofMinutes(15));
        assertThat(names.nameOf(NOBODY)).isEmpty();
        assertThat(describeCalls()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345678901", "1234567890123", "11112222333a", " 111122223333", "111122223333\n",
            "１１１１２２２２３３３３", "../../111122223333"})
    void aMalformedAccountIdMakesNoCall(String accountId) {
        assertThat(names.nameOf(accountId)).isEmpty();
        assertThat(describeCalls()).isZero();
        assertThat(names.lastError()).hasValueSatisfying(failure -> {
            assertThat(failure.reason()).isEqualTo(Reason.INVALID_ACCOUNT_ID);
            assertThat(failure.accountId()).doesNotContain("\n");
        });
    }

    @Test
    void aNullAccountIdMakesNoCall() {
        assertThat(names.nameOf(null)).isEmpty();
        assertThat(describeCalls()).isZero();
        assertThat(names.lastError()).map(LookupFailure::reason).contains(Reason.INVALID_ACCOUNT_ID);
    }

    @Test
    void withoutAnOrganizationThereIsNoName() {
        // Before CreateOrganization. Real AWS answers AWSOrganizationsNotInUseException; moto
        // answers AccountNotFoundException for DescribeAccount: either is a lasting absence.
        assertThat(names.nameOf("111122223333")).isEmpty();
        assertThat(names.lastError()).map(LookupFailure::reason).hasValueSatisfying(reason ->
                assertThat(reason).isIn(Reason.NOT_IN_USE, Reason.NOT_FOUND));
        assertThat(names.nameOf("111122223333")).isEmpty();
        assertThat(describeCalls()).isEqualTo(1);
    }

    @Test
    void concurrentLookupsAreSafeAndShareOneCallPerAccount() throws Exception {
        moto.createOrganization();
        List<String> accounts = List.of(moto.createAccount("prod-payments"), moto.createAccount("log-archive"),
                moto.createAccount("security-tooling"));
        Map<String, String> expected = Map.of(accounts.get(0), "prod-payments", accounts.get(1), "log-archive",
                accounts.get(2), "security-tooling");
        proxy.delay(Duration.ofMillis(300));
        int threads = 32;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                List<String> order = new ArrayList<>(accounts);
                Collections.shuffle(order);
                results.add(pool.submit(() -> {
                    start.await();
                    boolean allRight = true;
                    for (int round = 0; round < 5; round++) {
                        for (String account : order) {
                            allRight &= names.nameOf(account).equals(Optional.of(expected.get(account)));
                        }
                    }
                    return allRight;
                }));
            }
            start.countDown();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
        assertThat(describeCalls()).as("one call per account, however many threads ask").isEqualTo(3);
        assertThat(failures).isEmpty();
    }

    @Test
    void theCacheHoldsAtMostItsBoundOfAccounts() throws Exception {
        moto.createOrganization();
        String a = moto.createAccount("a");
        String b = moto.createAccount("b");
        String c = moto.createAccount("c");
        OrganizationsAccountNames small = names(OrganizationsAccountNames.builder().maxAccounts(2));

        small.nameOf(a);
        small.nameOf(b);
        small.nameOf(a);
        small.nameOf(c);
        assertThat(small.cachedAccounts()).isEqualTo(2);
        assertThat(describeCalls()).isEqualTo(3);

        small.nameOf(a);
        assertThat(describeCalls()).as("a, used last, is kept").isEqualTo(3);
        small.nameOf(b);
        assertThat(describeCalls()).as("b, used least recently, was let go").isEqualTo(4);
        small.close();
    }

    @Test
    void theCallIsTheDocumentedOneSignedForOrganizationsInUsEast1() throws Exception {
        moto.createOrganization();
        String payments = moto.createAccount("prod-payments");
        OrganizationsAccountNames withSession = OrganizationsAccountNames.builder().endpoint(proxy.endpoint())
                .credentials(StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "session-token")))
                .build();

        assertThat(withSession.nameOf(payments)).contains("prod-payments");

        OrganizationsProxy.Seen call = proxy.seen().getLast();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/");
        assertThat(call.header("x-amz-target")).isEqualTo("AWSOrganizationsV20161128.DescribeAccount");
        assertThat(call.header("content-type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(new String(call.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"AccountId\":\"" + payments + "\"}");
        assertThat(call.header("x-amz-security-token")).isEqualTo("session-token");
        SigV4Check.Authorization auth = SigV4Check.Authorization.of(call.header("authorization"));
        assertThat(auth.accessKey()).isEqualTo("ASIAEXAMPLE");
        assertThat(auth.region()).isEqualTo("us-east-1");
        assertThat(auth.service()).isEqualTo("organizations");
        assertThat(auth.signedHeaders()).contains("host", "x-amz-date", "x-amz-target", "content-type", "x-amz-security-token");
        assertThat(SigV4Check.valid(call, "secret")).as("the signature matches the request as received").isTrue();
        assertThat(SigV4Check.valid(call, "another secret")).isFalse();
        withSession.close();
    }
}
