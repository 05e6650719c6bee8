package io.rootwatch.cli.doctor;

import io.rootwatch.cli.aws.AwsOptions;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;

import java.time.Duration;
import java.util.List;

/**
 * What the checks look at: the central account and its home region (where the detector, bus,
 * topic and table are), the regions and accounts forwarders must cover, the central stack's
 * outputs and the forwarders' StackSet.
 *
 * @param partition     {@code aws}, {@code aws-cn}, ... as the caller's ARN says
 * @param accounts      the central account first, then the member accounts to visit
 * @param stackSetNamed whether the user named the StackSet (then not finding it fails)
 */
public record Deployment(AwsOptions aws, String partition, String callerAccount, String centralAccount, Region homeRegion,
                         List<Region> regions, List<AccountAccess> accounts, CentralStack centralStack,
                         String stackSetName, boolean stackSetNamed, String callAs, StackSetLookup stackSet) {
    /**
     * How long one try of an AWS call may take, and the call with its retries (the SDK's standard
     * three tries, backing off when throttled): a region that does not answer fails its own line
     * after this instead of holding up the run.
     */
    static final Duration CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /** One reachable account in one region: where a forwarder, or the central stack, must be. */
    public record Place(AccountAccess account, Region region) {
        public String scope() {
            return Deployment.scope(account.accountId(), region);
        }
    }

    public Deployment {
        regions = List.copyOf(regions);
        accounts = List.copyOf(accounts);
    }

    /** A client for one reachable account in one region. */
    public <C, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C client(B builder, AccountAccess account, Region region) {
        return aws.client(bounded(builder), region, account.credentials().orElseThrow(
                () -> new IllegalStateException("account " + account.accountId() + " is not reachable: " + account.unreachable())));
    }

    /** The builder with doctor's time limits on every call. */
    static <C, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> B bounded(B builder) {
        return builder.overrideConfiguration(o -> o.apiCallAttemptTimeout(CALL_ATTEMPT_TIMEOUT).apiCallTimeout(CALL_TIMEOUT));
    }

    /** Every region of every reachable account, account by account, in the order of {@link #regions}. */
    public List<Place> places() {
        return reachableAccounts().stream().flatMap(account -> regions.stream().map(region -> new Place(account, region))).toList();
    }

    /** The central account's home region, watched by the central stack's own rule rather than a forwarder. */
    public boolean isHome(Place place) {
        return place.account().accountId().equals(centralAccount) && place.region().equals(homeRegion);
    }

    public List<AccountAccess> reachableAccounts() {
        return accounts.stream().filter(a -> a.credentials().isPresent()).toList();
    }

    public static String scope(String account, Region region) {
        return account + "/" + region.id();
    }

    public String homeScope() {
        return scope(centralAccount, homeRegion);
    }
}
