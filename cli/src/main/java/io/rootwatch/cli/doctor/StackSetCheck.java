package io.rootwatch.cli.doctor;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceDetailedStatus;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceStatus;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The forwarders' StackSet: automatic deployment on (a new account gets its forwarders without
 * anyone redeploying), every instance current, and every region covered.
 */
public final class StackSetCheck implements Check {
    static final String NAME = "stack-set";
    static final String AUTO_DEPLOYMENT = "stack-set-auto-deployment";
    static final String INSTANCES = "stack-set-instances";
    /** How many failing instances the detail names before it counts the rest. */
    private static final int NAMED_FAILURES = 5;

    @Override
    public List<Finding> run(Deployment deployment) {
        String scope = Deployment.scope(deployment.callerAccount(), deployment.homeRegion());
        return switch (deployment.stackSet()) {
            case StackSetLookup.NotFound ignored when deployment.stackSetNamed() ->
                    List.of(Finding.fail(NAME, scope, "no StackSet " + deployment.stackSetName() + " (call as " + deployment.callAs() + ")"));
            case StackSetLookup.NotFound ignored -> List.of(Finding.warn(NAME, scope, "no StackSet " + deployment.stackSetName()
                    + " here: fine in single-account mode; in organization mode run doctor in the account that administers it"
                    + " (or --call-as DELEGATED_ADMIN)"));
            case StackSetLookup.Unreadable unreadable -> List.of(Finding.fail(NAME, scope, "could not check: " + unreadable.reason()));
            case StackSetLookup.Found found -> List.of(
                    autoDeployment(found.stackSet(), scope),
                    instances(found.instances(), deployment.regions(), scope));
        };
    }

    static Finding autoDeployment(StackSet stackSet, String scope) {
        if (stackSet.autoDeployment() == null || stackSet.autoDeployment().enabled() == null) {
            return Finding.fail(AUTO_DEPLOYMENT, scope, stackSet.stackSetName() + ": DescribeStackSet does not report auto-deployment"
                    + " (a " + stackSet.permissionModelAsString() + " StackSet)");
        }
        if (!stackSet.autoDeployment().enabled()) {
            return Finding.fail(AUTO_DEPLOYMENT, scope, stackSet.stackSetName() + ": auto-deployment is off: accounts that join get no forwarders");
        }
        return Finding.pass(AUTO_DEPLOYMENT, scope, stackSet.stackSetName() + ": auto-deployment on, stacks "
                + (Boolean.TRUE.equals(stackSet.autoDeployment().retainStacksOnAccountRemoval()) ? "retained" : "removed")
                + " when an account leaves");
    }

    /** Every instance CURRENT (a failed, inoperable or outdated one forwards nothing or an old template), every region present. */
    static Finding instances(List<StackInstanceSummary> instances, List<Region> regions, String scope) {
        if (instances.isEmpty()) {
            return Finding.fail(INSTANCES, scope, "no stack instances: no member account has forwarders");
        }
        List<String> failing = new ArrayList<>();
        for (StackInstanceSummary instance : instances) {
            if (instance.status() != StackInstanceStatus.CURRENT || failed(instance)) {
                failing.add(instance.account() + "/" + instance.region() + " " + instance.statusAsString()
                        + (instance.stackInstanceStatus() == null ? "" : " " + instance.stackInstanceStatus().detailedStatusAsString())
                        + (instance.statusReason() == null ? "" : " (" + instance.statusReason() + ")"));
            }
        }
        Set<String> covered = new TreeSet<>(instances.stream().map(StackInstanceSummary::region).toList());
        List<String> uncovered = regions.stream().map(Region::id).filter(r -> !covered.contains(r)).toList();
        Set<String> accounts = new TreeSet<>(instances.stream().map(StackInstanceSummary::account).toList());
        Set<String> units = new TreeSet<>(instances.stream().map(StackInstanceSummary::organizationalUnitId).filter(Objects::nonNull).toList());
        List<String> problems = new ArrayList<>();
        if (!failing.isEmpty()) {
            problems.add(failing.size() + " of " + instances.size() + " instances not current: "
                    + String.join(", ", failing.subList(0, Math.min(NAMED_FAILURES, failing.size())))
                    + (failing.size() > NAMED_FAILURES ? ", ..." : ""));
        }
        if (!uncovered.isEmpty()) {
            problems.add("no instances in " + String.join(", ", uncovered));
        }
        if (!problems.isEmpty()) {
            return Finding.fail(INSTANCES, scope, String.join("; ", problems));
        }
        return Finding.pass(INSTANCES, scope, instances.size() + " instances, all CURRENT: " + accounts.size() + " accounts"
                + (units.isEmpty() ? "" : " in " + String.join(", ", units)) + ", " + covered.size() + " regions");
    }

    private static boolean failed(StackInstanceSummary instance) {
        if (instance.stackInstanceStatus() == null) {
            return false;
        }
        StackInstanceDetailedStatus detailed = instance.stackInstanceStatus().detailedStatus();
        return detailed == StackInstanceDetailedStatus.FAILED || detailed == StackInstanceDetailedStatus.INOPERABLE
                || detailed == StackInstanceDetailedStatus.FAILED_IMPORT || detailed == StackInstanceDetailedStatus.CANCELLED;
    }
}
