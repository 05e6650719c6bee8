package io.rootwatch.accounts;

import io.rootwatch.accounts.LookupFailure.Reason;
import io.rootwatch.testing.MotoProcess;
import io.rootwatch.testing.MotoServer;
import io.rootwatch.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How lookups take the answers moto_server does not give: AWS's errors as AWS sends them (from a
 * local server answering in the AWS JSON 1.1 error format), answers that are not what was asked
 * for, endpoints that refuse or never answer, and credentials that cannot be had.
 */
class OrganizationsAnswersTest {
    private static final String ACCOUNT = "111122223333";
    private static final Duration LIMIT = Duration.ofMillis(500);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T06:00:00Z"));
    private final List<LookupFailure> failures = new CopyOnWriteArrayList<>();
    private OrganizationsProxy aws;
    private OrganizationsAccountNames names;

    @BeforeEach
    void start() throws Exception {
        // Nothing is forwarded: every test sets the answer.
        aws = new OrganizationsProxy(URI.create("http://127.0.0.1:9"));
        names = names(aws.endpoint());
    }

    @AfterEach
    void stop() {
        names.close();
        aws.close();
    }

    private OrganizationsAccountNames names(URI endpoint) {
        return OrganizationsAccountNames.builder().endpoint(endpoint).credentials(MotoServer.CREDENTIALS).clock(clock)
                .timeout(LIMIT).onFailure(failures::add).build();
    }

    private void answerName(String name) {
        aws.answer(200, null, "{\"Account\":{\"Id\":\"" + ACCOUNT + "\",\"Arn\":\"arn:aws:organizations::999988887777:account/o-abc/"
                + ACCOUNT + "\",\"Email\":\"pay@example.com\",\"Name\":" + name + ",\"Status\":\"ACTIVE\","
                + "\"JoinedMethod\":\"CREATED\",\"JoinedTimestamp\":1.7E9}}");
    }

    private Reason lastReason() {
        return names.lastError().orElseThrow().reason();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "400|AccountNotFoundException|NOT_FOUND",
            "400|com.amazonaws.organizations.v20161128#AccountNotFoundException|NOT_FOUND",
            "400|AccessDeniedException|ACCESS_DENIED",
            "400|AWSOrganizationsNotInUseException|NOT_IN_USE",
            "400|TooManyRequestsException|THROTTLED",
            "400|ThrottlingException|THROTTLED",
            "400|UnrecognizedClientException|SERVICE_ERROR",
            "400|InvalidSignatureException|SERVICE_ERROR",
            "500|ServiceException|SERVICE_ERROR",
    })
    void eachErrorAnswerIsNoNameWithItsReason(int status, String type, Reason reason) {
        aws.answer(status, null, "{\"__type\":\"" + type + "\",\"Message\":\"as AWS says\"}");

        assertThat(names.nameOf(ACCOUNT)).isEmpty();
        assertThat(lastReason()).isEqualTo(reason);
        assertThat(names.lastError().orElseThrow().detail()).contains("HTTP " + status).contains("as AWS says");
    }

    @Test
    void theErrorTypeHeaderIsReadWhenTheBodyHasNone() {
        aws.answer(400, "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/", "");

        assertThat(names.nameOf(ACCOUNT)).isEmpty();
        assertThat(lastReason()).isEqualTo(Reason.ACCESS_DENIED);
    }

    @Test
    void aMissingPermissionCostsOneCallPerAccountEveryFifteenMinutes() {
        aws.answer(400, null, "{\"__type\":\"AccessDeniedException\",\"Message\":\"not authorized to perform: organizations:DescribeAccount\"}");

        for (int event = 0; event < 50; event++) {
            assertThat(names.nameOf(ACCOUNT)).isEmpty();
        }
        assertThat(aws.calls("DescribeAccount")).isEqualTo(1);
        assertThat(failures).hasSize(1);
        assertThat(failures.getFirst().detail()).contains("organizations:DescribeAccount");

        clock.advance(Duration.ofMinutes(14));
        names.nameOf(ACCOUNT);
        assertThat(aws.calls("DescribeAccount")).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        names.nameOf(ACCOUNT);
        assertThat(aws.calls("DescribeAccount")).isEqualTo(2);
    }

    @Test
    void throttlingHoldsOffForAMinuteOnly() {
        aws.answer(400, null, "{\"__type\":\"TooManyRequestsException\",\"Message\":\"Rate exceeded\"}");
        names.nameOf(ACCOUNT);
        names.nameOf(ACCOUNT);
        assertThat(aws.calls("DescribeAccount")).isEqualTo(1);

        answerName("\"prod-payments\"");
        clock.advance(Duration.ofMinutes(1));
        assertThat(names.nameOf(ACCOUNT)).contains("prod-payments");
        assertThat(aws.calls("DescribeAccount")).isEqualTo(2);
    }

    @Test
    void aKnownNameIsKeptWhenRefreshingItFailsForAWhile() {
        answerName("\"prod-payments\"");
        assertThat(names.nameOf(ACCOUNT)).contains("prod-payments");

        aws.answer(400, null, "{\"__type\":\"TooManyRequestsException\",\"Message\":\"Rate exceeded\"}");
        clock.advance(Duration.ofHours(7));
        assertThat(names.nameOf(ACCOUNT)).contains("prod-payments");
        assertThat(lastReason()).isEqualTo(Reason.THROTTLED);

        aws.answer(400, null, "{\"__type\":\"AccountNotFoundException\",\"Message\":\"gone\"}");
        clock.advance(Duration.ofMinutes(1));
        assertThat(names.nameOf(ACCOUNT)).as("an account that left the organization loses its name").isEmpty();
    }

    @Test
    void theNameIsReturnedAsGivenButTrimmedAndCappedAt256() {
        String hostile = "<b>prod</b> & \\\"payments\\\" " + "x".repeat(300);
        answerName("\"  " + hostile + "  \"");

        String name = names.nameOf(ACCOUNT).orElseThrow();
        assertThat(name).startsWith("<b>prod</b> & \"payments\" xxx").hasSize(256);
    }

    @Test
    void aNameCutAt256DoesNotSplitACharacter() {
        answerName("\"" + "a".repeat(255) + "😀😀\"");

        String name = names.nameOf(ACCOUNT).orElseThrow();
        assertThat(name.codePointCount(0, name.length())).isEqualTo(256);
        assertThat(name).endsWith("a😀");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not JSON|<html>Welcome to the captive portal</html>",
            "no Account|{}",
            "Account not an object|{\"Account\":\"prod-payments\"}",
            "no Name|{\"Account\":{\"Id\":\"111122223333\"}}",
            "Name not text|{\"Account\":{\"Id\":\"111122223333\",\"Name\":42}}",
            "blank Name|{\"Account\":{\"Id\":\"111122223333\",\"Name\":\"   \"}}",
            "another account|{\"Account\":{\"Id\":\"444455556666\",\"Name\":\"someone else\"}}",
    })
    void anAnswerThatIsNotADescriptionOfTheAccountIsNoName(String what, String body) {
        aws.answer(200, null, body);

        assertThat(names.nameOf(ACCOUNT)).isEmpty();
        assertThat(lastReason()).isEqualTo(Reason.MALFORMED_RESPONSE);
    }

    @Test
    void anOversizedAnswerIsNoName() {
        answerName("\"" + "x".repeat(100_000) + "\"");

        assertThat(names.nameOf(ACCOUNT)).isEmpty();
        assertThat(lastReason()).isEqualTo(Reason.MALFORMED_RESPONSE);
    }

    @Test
    void aRefusedConnectionIsNoNameAndSaysWhy() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + MotoProcess.freePort());
        try (OrganizationsAccountNames unreachable = names(closed)) {
            long started = System.nanoTime();
            assertThat(unreachable.nameOf(ACCOUNT)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LIMIT.plusMillis(500));
            LookupFailure failure = unreachable.lastError().orElseThrow();
            assertThat(failure.reason()).isEqualTo(Reason.UNREACHABLE);
            assertThat(failure.detail()).contains("ConnectException").contains(closed.toString());
        }
    }

    @Test
    void anEndpointThatNeverAnswersIsNoNameWithinTheTimeLimit() throws Exception {
        // Accepts connections (the kernel does, for the backlog) but never reads or answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             OrganizationsAccountNames waiting = names(URI.create("http://127.0.0.1:" + silent.getLocalPort()))) {
            long started = System.nanoTime();
            assertThat(waiting.nameOf(ACCOUNT)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LIMIT.plusMillis(750));
            assertThat(waiting.lastError().orElseThrow().reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(waiting.lastError().orElseThrow().toString()).contains(ACCOUNT).contains("TIMEOUT");
        }
    }

    @Test
    void theTimeLimitHoldsEvenWhenTheHttpClientWouldWaitLonger() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             SdkHttpClient patient = UrlConnectionHttpClient.builder()
                     .socketTimeout(Duration.ofSeconds(30)).build();
             OrganizationsAccountNames waiting = OrganizationsAccountNames.builder()
                     .endpoint(URI.create("http://127.0.0.1:" + silent.getLocalPort())).credentials(MotoServer.CREDENTIALS)
                     .httpClient(patient).timeout(LIMIT).build()) {
            long started = System.nanoTime();
            assertThat(waiting.nameOf(ACCOUNT)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LIMIT.plusMillis(750));
            assertThat(waiting.lastError().orElseThrow().reason()).isEqualTo(Reason.TIMEOUT);
            assertThat(waiting.lastError().orElseThrow().detail()).contains("no answer within 500 ms");
        }
    }

    @Test
    void noCredentialsIsNoNameAndMakesNoCall() {
        try (OrganizationsAccountNames anonymous = OrganizationsAccountNames.builder().endpoint(aws.endpoint())
                .credentials(() -> {
                    throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
                }).build()) {
            assertThat(anonymous.nameOf(ACCOUNT)).isEmpty();
            assertThat(anonymous.lastError().orElseThrow().reason()).isEqualTo(Reason.NO_CREDENTIALS);
            assertThat(aws.seen()).isEmpty();
        }
    }

    @Test
    void aListenerThatThrowsDoesNotFailTheLookup() {
        aws.answer(400, null, "{\"__type\":\"AccessDeniedException\",\"Message\":\"denied\"}");
        try (OrganizationsAccountNames clumsy = OrganizationsAccountNames.builder().endpoint(aws.endpoint())
                .credentials(MotoServer.CREDENTIALS).onFailure(failure -> {
                    throw new IllegalStateException("log full");
                }).build()) {
            assertThat(clumsy.nameOf(ACCOUNT)).isEmpty();
            assertThat(clumsy.lastError().orElseThrow().reason()).isEqualTo(Reason.ACCESS_DENIED);
        }
    }

    @Test
    void errorDetailsFromAwsAreCleanedForTheLog() {
        aws.answer(400, null, "{\"__type\":\"AccessDeniedException\",\"Message\":\"denied\\n{\\\"level\\\":\\\"INFO\\\"}"
                + "y".repeat(1_000) + "\"}");

        names.nameOf(ACCOUNT);
        String detail = names.lastError().orElseThrow().detail();
        assertThat(detail).doesNotContain("\n").hasSizeLessThanOrEqualTo(301);
    }
}
