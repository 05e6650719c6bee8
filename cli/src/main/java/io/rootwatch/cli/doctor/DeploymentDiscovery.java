package io.rootwatch.cli.doctor;

import io.rootwatch.cli.aws.AwsOptions;
import io.rootwatch.cli.aws.StackOutputs;
import io.rootwatch.deployment.DeploymentNames;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceSummary;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Works out what to check from what is deployed: the central stack's outputs give the central
 * account and home region, the StackSet (when this account administers it) the member accounts
 * and regions, unless the options name them.
 */
public final class DeploymentDiscovery {
    static final String CENTRAL_STACK = "central-stack";
    static final String ACCOUNT_ACCESS = "account-access";
    private static final String SESSION_NAME = "rootwatch-doctor";

    /** What to check, and what was already found out while discovering it. */
    public record Discovered(Deployment deployment, List<Finding> findings) {
        public Discovered {
            findings = List.copyOf(findings);
        }
    }

    /** What the user asked for; empty lists mean "what the deployment covers". */
    public record Request(String stackName, List<String> regions, List<String> accounts, Optional<String> roleName,
                          Optional<String> stackSetName, String callAs) {
        public Request {
            regions = List.copyOf(regions);
            accounts = List.copyOf(accounts);
        }
    }

    private final AwsOptions aws;
    private final Visits visits;

    public DeploymentDiscovery(AwsOptions aws, Visits visits) {
        this.aws = aws;
        this.visits = visits;
    }

    /** Throws the SDK's exception when even the caller cannot be identified: nothing else could be checked. */
    public Discovered discover(Request request) {
        List<Finding> findings = new ArrayList<>();
        GetCallerIdentityResponse caller;
        try (StsClient sts = aws.client(Deployment.bounded(StsClient.builder()), aws.region(), aws.callerCredentials())) {
            caller = sts.getCallerIdentity();
        }
        String partition = caller.arn().split(":")[1];
        String callerAccount = caller.account();

        CentralStack central = centralStack(request.stackName());
        Optional<String[]> busArn = central.output(StackOutputs.ROOT_ACTIVITY_BUS_ARN).map(arn -> arn.split(":"));
        Region home = busArn.filter(parts -> parts.length >= 6).map(parts -> Region.of(parts[3])).orElseGet(aws::region);
        String centralAccount = busArn.filter(parts -> parts.length >= 6).map(parts -> parts[4]).orElse(callerAccount);
        findings.add(central.unreadable().isPresent()
                ? Finding.fail(CENTRAL_STACK, Deployment.scope(callerAccount, home), central.whyMissing(StackOutputs.ROOT_ACTIVITY_BUS_ARN))
                : Finding.pass(CENTRAL_STACK, Deployment.scope(centralAccount, home),
                        request.stackName() + " outputs " + String.join(", ", central.outputs().keySet().stream().sorted().toList())));

        String stackSetName = request.stackSetName().orElse(DeploymentNames.FORWARDER_STACK_SET);
        StackSetLookup stackSet;
        try (CloudFormationClient cloudFormation = aws.client(Deployment.bounded(CloudFormationClient.builder()), home,
                aws.callerCredentials())) {
            stackSet = StackSetLookup.read(cloudFormation, stackSetName, request.callAs());
        }

        List<Region> regions = regions(request, stackSet, home);
        List<AccountAccess> accounts = new ArrayList<>();
        accounts.add(AccountAccess.reachable(callerAccount, aws.callerCredentials()));
        List<String> members = memberAccounts(request, stackSet).stream().filter(account -> !account.equals(callerAccount)).toList();
        List<AccountAccess> reached = visits.map(members,
                account -> request.roleName().map(role -> assume(partition, account, role, home))
                        .orElseGet(() -> AccountAccess.unreachable(account, "not checked: it is a StackSet target; give --role-name"
                                + " to check its forwarders through a role in it")),
                (account, e) -> AccountAccess.unreachable(account, "cannot reach it: " + Finding.reason(e)));
        for (AccountAccess access : reached) {
            accounts.add(access);
            if (access.credentials().isEmpty()) {
                findings.add(request.roleName().isPresent()
                        ? Finding.fail(ACCOUNT_ACCESS, access.accountId(), access.unreachable())
                        : Finding.warn(ACCOUNT_ACCESS, access.accountId(), access.unreachable()));
            }
        }
        Deployment deployment = new Deployment(aws, partition, callerAccount, centralAccount, home, regions, accounts, central,
                stackSetName, request.stackSetName().isPresent(), request.callAs(), stackSet);
        return new Discovered(deployment, findings);
    }

    private CentralStack centralStack(String name) {
        try (CloudFormationClient cloudFormation = aws.client(Deployment.bounded(CloudFormationClient.builder()), aws.region(),
                aws.callerCredentials())) {
            return new CentralStack(name, StackOutputs.of(cloudFormation, name).values(), Optional.empty());
        } catch (SdkException e) {
            return new CentralStack(name, Map.of(), Optional.of(Finding.reason(e)));
        }
    }

    /**
     * The regions given, or the StackSet's, or the regions enabled by default; with us-east-1
     * (global services' events) and the home region, which the deployment always covers.
     */
    private static List<Region> regions(Request request, StackSetLookup stackSet, Region home) {
        Set<String> regions = new LinkedHashSet<>();
        regions.add(DeploymentNames.GLOBAL_EVENTS_REGION);
        regions.add(home.id());
        if (!request.regions().isEmpty()) {
            regions.addAll(request.regions());
        } else if (stackSet instanceof StackSetLookup.Found found && !found.instances().isEmpty()) {
            found.instances().stream().map(StackInstanceSummary::region).sorted().forEach(regions::add);
        } else {
            regions.addAll(DeploymentNames.DEFAULT_REGIONS);
        }
        return regions.stream().map(Region::of).toList();
    }

    private static List<String> memberAccounts(Request request, StackSetLookup stackSet) {
        if (!request.accounts().isEmpty()) {
            return request.accounts().stream().distinct().toList();
        }
        if (stackSet instanceof StackSetLookup.Found found) {
            return found.instances().stream().map(StackInstanceSummary::account).distinct().sorted().toList();
        }
        return List.of();
    }

    private AccountAccess assume(String partition, String account, String roleName, Region home) {
        String roleArn = "arn:" + partition + ":iam::" + account + ":role/" + roleName;
        try (StsClient sts = aws.client(Deployment.bounded(StsClient.builder()), home, aws.callerCredentials())) {
            Credentials credentials = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName(SESSION_NAME)).credentials();
            AwsCredentialsProvider provider = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
            return AccountAccess.assumed(account, provider, roleArn);
        } catch (SdkException e) {
            return AccountAccess.unreachable(account, "cannot assume " + roleArn + ": " + Finding.reason(e));
        }
    }
}
