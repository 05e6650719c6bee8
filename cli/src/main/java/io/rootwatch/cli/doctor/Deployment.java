package io.rootwatch.cli.doctor;

import io.rootwatch.cli.aws.AwsOptions;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;

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
    public Deployment {
        regions = List.copyOf(regions);
        accounts = List.copyOf(accounts);
    }

    /** A client for one reachable account in one region. */
    public <C, B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C client(B builder, AccountAccess account, Region region) {
        return aws.client(builder, region, account.credentials().orElseThrow(
                () -> new IllegalStateException("account " + account.accountId() + " is not reachable: " + account.unreachable())));
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
