package io.rootwatch.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.rootwatch.accounts.LookupFailure.Reason;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.Abortable;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Account names from AWS Organizations ({@code organizations:DescribeAccount}), for the accounts
 * of the organization the function's account manages (or is a delegated administrator for).
 *
 * <p>A lookup never fails the caller: any error (denied, throttled, timed out, unreachable, an
 * unexpected answer) gives {@link Optional#empty()}, and its reason goes to {@link #lastError()} and
 * to the listener given to {@link Builder#onFailure}. Each lookup takes at most {@link #DEFAULT_TIMEOUT}
 * (credentials, signing and the HTTP exchange together).
 *
 * <p>Answers are cached per account, in at most {@link #DEFAULT_MAX_ACCOUNTS} entries (least
 * recently used first out): a name for {@link #DEFAULT_NAME_TTL}; a lasting absence (no such
 * account, access denied, no organization) for {@link #DEFAULT_MISSING_TTL}, so a missing permission
 * costs one call per account every 15 minutes rather than one per event; a passing failure
 * (throttled, timed out, unreachable) for {@link #DEFAULT_FAILURE_TTL}, so an outage does not cost
 * the time limit on every event. A name already known is kept through a passing failure to refresh it.
 * Concurrent lookups of one account share one call.
 *
 * <p>Only Organizations is asked: the function account's IAM alias names that account alone and is
 * never used for another.
 */
public final class OrganizationsAccountNames implements AccountNames, AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_NAME_TTL = Duration.ofHours(6);
    public static final Duration DEFAULT_MISSING_TTL = Duration.ofMinutes(15);
    public static final Duration DEFAULT_FAILURE_TTL = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_ACCOUNTS = 10_000;
    /** Names longer than this (Organizations allows 50 characters) are cut. */
    public static final int MAX_NAME_LENGTH = 256;

    /** The global endpoint of the aws partition, signed for us-east-1. */
    public static final URI GLOBAL_ENDPOINT = OrganizationsEndpoint.GLOBAL.uri();
    public static final String GLOBAL_SIGNING_REGION = OrganizationsEndpoint.GLOBAL.signingRegion();

    private static final String OPERATION = "DescribeAccount";
    private static final int MAX_DETAIL_LENGTH = 300;
    /** Each call runs in its own virtual thread, which the caller waits for no longer than the time limit. */
    private static final Executor CALLS = task -> Thread.ofVirtual().name("rootwatch-organizations").start(task);

    /** What is known of one account, and until when. */
    private record Known(Optional<String> name, Instant expires) {
        boolean fresh(Instant now) {
            return now.isBefore(expires);
        }
    }

    /** The result of one call: a name, or why there is none. */
    private record Answer(Optional<String> name, LookupFailure failure) {
    }

    private final OrganizationsJsonClient client;
    private final SdkHttpClient ownedHttp;
    private final Duration timeout;
    private final Duration nameTtl;
    private final Duration missingTtl;
    private final Duration failureTtl;
    private final Clock clock;
    private final Consumer<LookupFailure> listener;
    private final Map<String, Known> cache;
    private final Map<String, CompletableFuture<Known>> inFlight = new ConcurrentHashMap<>();
    private final AtomicReference<LookupFailure> lastError = new AtomicReference<>();
    private final AtomicLong calls = new AtomicLong();

    private OrganizationsAccountNames(Builder builder) {
        this.timeout = positive(builder.timeout, "timeout");
        this.nameTtl = positive(builder.nameTtl, "nameTtl");
        this.missingTtl = positive(builder.missingTtl, "missingTtl");
        this.failureTtl = positive(builder.failureTtl, "failureTtl");
        this.clock = Objects.requireNonNull(builder.clock, "clock");
        this.listener = Objects.requireNonNull(builder.listener, "listener");
        if (builder.maxAccounts < 1) {
            throw new IllegalArgumentException("maxAccounts must be at least 1, got " + builder.maxAccounts);
        }
        int maxAccounts = builder.maxAccounts;
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
                return size() > maxAccounts;
            }
        };
        SdkHttpClient http = builder.http;
        if (http == null) {
            http = UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout).build();
            this.ownedHttp = http;
        } else {
            this.ownedHttp = null;
        }
        this.client = new OrganizationsJsonClient(builder.endpoint, Objects.requireNonNull(builder.credentials, "credentials"), http);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Lookups as the function would make them: the endpoint of the partition of {@code AWS_REGION}
     * (the global us-east-1 endpoint outside China and GovCloud), or {@code AWS_ENDPOINT_URL_ORGANIZATIONS}
     * or {@code AWS_ENDPOINT_URL} when set (as the SDK honours them), and default limits.
     *
     * @param env         the environment variables (System.getenv() in the function)
     * @param credentials the function's credentials (the default chain in the function)
     * @throws IllegalArgumentException when an endpoint variable is not an absolute http(s) URL
     */
    public static OrganizationsAccountNames fromEnvironment(Map<String, String> env, AwsCredentialsProvider credentials) {
        return builder().environment(env).credentials(credentials).build();
    }

    @Override
    public Optional<String> nameOf(String accountId) {
        try {
            return lookUp(accountId);
        } catch (RuntimeException unexpected) {
            report(new LookupFailure(loggableId(accountId), Reason.SERVICE_ERROR, detail(unexpected), clock.instant()));
            return Optional.empty();
        }
    }

    private Optional<String> lookUp(String accountId) {
        if (!AccountIds.isAccountId(accountId)) {
            report(new LookupFailure(loggableId(accountId), Reason.INVALID_ACCOUNT_ID, "not 12 digits", clock.instant()));
            return Optional.empty();
        }
        Known known = cached(accountId);
        if (known != null && known.fresh(clock.instant())) {
            return known.name();
        }
        CompletableFuture<Known> mine = new CompletableFuture<>();
        CompletableFuture<Known> running = inFlight.putIfAbsent(accountId, mine);
        if (running != null) {
            return awaitOther(running, known);
        }
        try {
            // Another lookup may have finished between the cache read and taking the slot.
            Known latest = cached(accountId);
            if (latest != null && latest.fresh(clock.instant())) {
                mine.complete(latest);
                return latest.name();
            }
            Known entry = fetch(accountId, latest);
            synchronized (cache) {
                cache.put(accountId, entry);
            }
            mine.complete(entry);
            return entry.name();
        } finally {
            if (!mine.isDone()) {
                mine.complete(new Known(Optional.empty(), clock.instant()));
            }
            inFlight.remove(accountId, mine);
        }
    }

    /** Waits for the call another thread is making for the same account. */
    private Optional<String> awaitOther(CompletableFuture<Known> running, Known known) {
        try {
            // The other call is itself bounded by the time limit; the margin covers its bookkeeping.
            return running.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS).name();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // Fall through: the other thread records the failure.
        }
        return known == null ? Optional.empty() : known.name();
    }

    private Known cached(String accountId) {
        synchronized (cache) {
            return cache.get(accountId);
        }
    }

    /** One call, bounded in time, turned into a cache entry; failures are reported here, once per call. */
    private Known fetch(String accountId, Known previous) {
        Answer answer = callWithin(accountId);
        Instant now = clock.instant();
        if (answer.failure() == null) {
            return new Known(answer.name(), now.plus(nameTtl));
        }
        report(answer.failure());
        if (answer.failure().reason().lasting()) {
            return new Known(Optional.empty(), now.plus(missingTtl));
        }
        Optional<String> stale = previous == null ? Optional.empty() : previous.name();
        return new Known(stale, now.plus(failureTtl));
    }

    private Answer callWithin(String accountId) {
        AtomicReference<Abortable> request = new AtomicReference<>();
        calls.incrementAndGet();
        CompletableFuture<Answer> call = CompletableFuture.supplyAsync(() -> describe(accountId, request), CALLS);
        try {
            return call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abort(request, call);
            return failed(accountId, Reason.TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(request, call);
            return failed(accountId, Reason.TIMEOUT, "interrupted while waiting for the answer");
        } catch (ExecutionException e) {
            return failed(accountId, Reason.SERVICE_ERROR, detail(e.getCause() == null ? e : e.getCause()));
        }
    }

    private static void abort(AtomicReference<Abortable> request, CompletableFuture<Answer> call) {
        call.cancel(true);
        Abortable started = request.get();
        if (started != null) {
            try {
                started.abort();
            } catch (RuntimeException ignored) {
                // Already finished or closed: nothing to stop.
            }
        }
    }

    /** The call itself, on its own thread: every outcome becomes an answer. */
    private Answer describe(String accountId, AtomicReference<Abortable> request) {
        OrganizationsJsonClient.Reply reply;
        try {
            reply = client.call(OPERATION, JsonNodeFactory.instance.objectNode().put("AccountId", accountId), request::set);
        } catch (UncheckedIOException e) {
            return unreachable(accountId, e.getCause());
        } catch (IOException e) {
            return unreachable(accountId, e);
        } catch (OrganizationsJsonClient.NoCredentials e) {
            return failed(accountId, Reason.NO_CREDENTIALS, detail(e.getCause()));
        } catch (RuntimeException e) {
            return failed(accountId, Reason.SERVICE_ERROR, detail(e));
        }
        return reply.ok() ? named(accountId, reply.body()) : rejected(accountId, reply);
    }

    private Answer named(String accountId, JsonNode body) {
        JsonNode account = body == null ? null : body.get("Account");
        if (account == null || !account.isObject()) {
            return failed(accountId, Reason.MALFORMED_RESPONSE, "no Account object in the answer");
        }
        JsonNode id = account.get("Id");
        if (id != null && !(id.isTextual() && id.textValue().equals(accountId))) {
            return failed(accountId, Reason.MALFORMED_RESPONSE, "the answer is about another account: " + detail(id.toString()));
        }
        JsonNode name = account.get("Name");
        if (name == null || !name.isTextual() || name.textValue().isBlank()) {
            return failed(accountId, Reason.MALFORMED_RESPONSE, "no Name in the Account object");
        }
        return new Answer(Optional.of(capped(name.textValue().strip())), null);
    }

    private Answer rejected(String accountId, OrganizationsJsonClient.Reply reply) {
        String type = reply.errorType();
        Reason reason = switch (type) {
            case "AccountNotFoundException" -> Reason.NOT_FOUND;
            case "AccessDeniedException" -> Reason.ACCESS_DENIED;
            case "AWSOrganizationsNotInUseException" -> Reason.NOT_IN_USE;
            case "TooManyRequestsException", "ThrottlingException", "Throttling", "ThrottledException" -> Reason.THROTTLED;
            default -> Reason.SERVICE_ERROR;
        };
        String detail = "HTTP " + reply.status() + (type.isEmpty() ? "" : " " + type)
                + (reply.message().isEmpty() ? "" : ": " + reply.message());
        return failed(accountId, reason, detail(detail));
    }

    private Answer unreachable(String accountId, IOException e) {
        Reason reason = e instanceof SocketTimeoutException ? Reason.TIMEOUT
                : e instanceof OrganizationsJsonClient.OversizedResponse ? Reason.MALFORMED_RESPONSE
                : Reason.UNREACHABLE;
        String where = e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException
                ? " (" + client.endpoint().uri() + ")" : "";
        return failed(accountId, reason, detail(e) + where);
    }

    private Answer failed(String accountId, Reason reason, String detail) {
        return new Answer(Optional.empty(), new LookupFailure(accountId, reason, detail, clock.instant()));
    }

    private void report(LookupFailure failure) {
        lastError.set(failure);
        try {
            listener.accept(failure);
        } catch (RuntimeException ignored) {
            // A listener that fails must not fail the lookup.
        }
    }

    static String capped(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_NAME_LENGTH) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH));
    }

    private static String loggableId(String accountId) {
        return AccountIds.loggable(accountId, 40);
    }

    private static String detail(Throwable e) {
        String message = e.getMessage();
        return detail(e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message));
    }

    private static String detail(String text) {
        return AccountIds.loggable(text, MAX_DETAIL_LENGTH);
    }

    /** The latest failure, if any lookup has failed: for the log and for health reporting. */
    public Optional<LookupFailure> lastError() {
        return Optional.ofNullable(lastError.get());
    }

    /** How many DescribeAccount calls were attempted (lookups answered from the cache attempt none). */
    public long calls() {
        return calls.get();
    }

    /** How many accounts the cache holds an answer for, fresh or not. */
    public int cachedAccounts() {
        synchronized (cache) {
            return cache.size();
        }
    }

    public URI endpoint() {
        return client.endpoint().uri();
    }

    public String signingRegion() {
        return client.endpoint().signingRegion();
    }

    /** Closes the HTTP client this made for itself; one passed to the builder is the caller's to close. */
    @Override
    public void close() {
        if (ownedHttp != null) {
            ownedHttp.close();
        }
    }

    private static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
        return duration;
    }

    /** Settings; only the credentials are required. */
    public static final class Builder {
        private OrganizationsEndpoint endpoint = OrganizationsEndpoint.GLOBAL;
        private AwsCredentialsProvider credentials;
        private SdkHttpClient http;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration nameTtl = DEFAULT_NAME_TTL;
        private Duration missingTtl = DEFAULT_MISSING_TTL;
        private Duration failureTtl = DEFAULT_FAILURE_TTL;
        private int maxAccounts = DEFAULT_MAX_ACCOUNTS;
        private Clock clock = Clock.systemUTC();
        private Consumer<LookupFailure> listener = failure -> { };

        private Builder() {
        }

        /**
         * The endpoint and signing region for these environment variables: {@code AWS_REGION} (or
         * {@code AWS_DEFAULT_REGION}) chooses the partition's endpoint, and
         * {@code AWS_ENDPOINT_URL_ORGANIZATIONS}, else {@code AWS_ENDPOINT_URL}, replaces it unless
         * {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} is true.
         */
        public Builder environment(Map<String, String> env) {
            endpoint = OrganizationsEndpoint.fromEnvironment(env);
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = this.endpoint.at(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        public Builder signingRegion(String signingRegion) {
            this.endpoint = new OrganizationsEndpoint(endpoint.uri(), Objects.requireNonNull(signingRegion, "signingRegion"));
            return this;
        }

        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /** The HTTP client to call through; by default a URLConnection client with the time limit as its timeouts. */
        public Builder httpClient(SdkHttpClient http) {
            this.http = http;
            return this;
        }

        /** The most one lookup may take, all included. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder nameTtl(Duration nameTtl) {
            this.nameTtl = nameTtl;
            return this;
        }

        /** How long a lasting absence (no such account, access denied, no organization) is remembered. */
        public Builder missingTtl(Duration missingTtl) {
            this.missingTtl = missingTtl;
            return this;
        }

        /** How long a passing failure (throttled, timed out, unreachable) holds off the next call. */
        public Builder failureTtl(Duration failureTtl) {
            this.failureTtl = failureTtl;
            return this;
        }

        public Builder maxAccounts(int maxAccounts) {
            this.maxAccounts = maxAccounts;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Told of each failed call (and of each id that is not an account id), on the looking-up thread. */
        public Builder onFailure(Consumer<LookupFailure> listener) {
            this.listener = listener;
            return this;
        }

        public OrganizationsAccountNames build() {
            return new OrganizationsAccountNames(this);
        }
    }
}
