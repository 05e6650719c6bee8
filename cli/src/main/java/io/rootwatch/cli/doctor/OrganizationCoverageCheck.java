package io.rootwatch.cli.doctor;

import io.rootwatch.accounts.OrganizationAccount;
import io.rootwatch.accounts.OrganizationAccounts;
import io.rootwatch.accounts.OrganizationsException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Does every account of the organization have a forwarder? The organization's ACTIVE accounts
 * ({@code organizations:ListAccounts}) against the StackSet's instances: each member account needs
 * one in every checked region. The management account (StackSets never target it) and the central
 * account have forwarder stacks of their own instead, which {@code forwarder-rule} checks where it
 * can reach them. Suspended and closing accounts are ignored, and said so; instances in accounts
 * that are not in the organization are a warning.
 */
public final class OrganizationCoverageCheck implements Check {
    static final String NAME = "organization-coverage";
    /** How many uncovered accounts the detail names before it counts the rest. */
    static final int NAMED_ACCOUNTS = 10;

    /** What ListAccounts gave. */
    sealed interface Listing {
        record Listed(List<OrganizationAccount> accounts) implements Listing {
            public Listed {
                accounts = List.copyOf(accounts);
            }
        }

        record Failed(OrganizationsException error) implements Listing {
        }
    }

    /** What the organization's accounts are compared with. */
    record Expected(String callerAccount, String centralAccount, List<Region> regions, StackSetLookup stackSet,
                    String stackSetName, boolean stackSetNamed) {
        Expected {
            regions = List.copyOf(regions);
        }
    }

    @Override
    public List<Finding> run(Deployment deployment) {
        Expected expected = new Expected(deployment.callerAccount(), deployment.centralAccount(), deployment.regions(),
                deployment.stackSet(), deployment.stackSetName(), deployment.stackSetNamed());
        try {
            return verdict(expected, () -> list(deployment));
        } catch (RuntimeException e) {
            return List.of(Finding.crashed(NAME, deployment.callerAccount(), e));
        }
    }

    private static Listing list(Deployment deployment) {
        try (SdkHttpClient http = UrlConnectionHttpClient.builder().connectionTimeout(Deployment.CALL_ATTEMPT_TIMEOUT)
                .socketTimeout(Deployment.CALL_ATTEMPT_TIMEOUT).build()) {
            return new Listing.Listed(new OrganizationAccounts(deployment.aws().organizations(deployment.homeRegion()),
                    deployment.aws().callerCredentials(), http).list());
        } catch (OrganizationsException e) {
            return new Listing.Failed(e);
        }
    }

    /** The findings, given how the forwarders are deployed; the accounts are listed only when there is something to compare. */
    static List<Finding> verdict(Expected expected, Supplier<Listing> listing) {
        String caller = expected.callerAccount();
        return switch (expected.stackSet()) {
            case StackSetLookup.Unreadable unreadable -> List.of(Finding.fail(NAME, caller, "could not check: the StackSet "
                    + expected.stackSetName() + " could not be read (" + unreadable.reason() + ")"));
            case StackSetLookup.NotFound ignored when !expected.stackSetNamed() -> withoutStackSet(expected, listing.get());
            case StackSetLookup.NotFound ignored -> withStackSet(expected, listing.get(), List.of());
            case StackSetLookup.Found found -> withStackSet(expected, listing.get(), found.instances());
        };
    }

    /** Organization mode: the StackSet is what covers the member accounts. */
    private static List<Finding> withStackSet(Expected expected, Listing listing, List<StackInstanceSummary> instances) {
        return switch (listing) {
            case Listing.Failed failed when failed.error().notInUse() -> notInAnOrganization(expected, failed.error().errorType());
            case Listing.Failed failed -> List.of(couldNotList(expected.callerAccount(), failed.error()));
            case Listing.Listed listed when listed.accounts().isEmpty() -> notInAnOrganization(expected, "no accounts listed");
            case Listing.Listed listed -> compare(expected, listed.accounts(), instances);
        };
    }

    private static List<Finding> notInAnOrganization(Expected expected, String why) {
        return List.of(Finding.warn(NAME, expected.callerAccount(), "not in an organization (" + why + "): doctor cannot tell"
                + " which accounts the StackSet " + expected.stackSetName() + " should cover"));
    }

    /** No StackSet here: single-account mode, or doctor is not running where the StackSet is administered. */
    private static List<Finding> withoutStackSet(Expected expected, Listing listing) {
        String caller = expected.callerAccount();
        return switch (listing) {
            case Listing.Failed failed when failed.error().notInUse() -> List.of(single(caller));
            case Listing.Failed failed when failed.error().accessDenied() -> List.of(Finding.warn(NAME, caller,
                    "cannot list the organization's accounts (" + failed.error().getMessage() + "): fine in single-account mode;"
                            + " in organization mode run doctor in the management or a delegated administrator account"));
            case Listing.Failed failed -> List.of(couldNotList(caller, failed.error()));
            case Listing.Listed listed when listed.accounts().isEmpty() -> List.of(single(caller));
            case Listing.Listed listed -> compare(expected, listed.accounts(), List.of()).stream()
                    .map(finding -> finding.status() == Status.FAIL ? Finding.warn(NAME, finding.scope(), "no StackSet "
                            + expected.stackSetName() + " here, so " + finding.detail() + ": fine if forwarder stacks of"
                            + " single-account mode cover them (--accounts with --role-name checks those); in organization mode"
                            + " run doctor where the StackSet is administered") : finding)
                    .toList();
        };
    }

    private static Finding single(String caller) {
        return Finding.pass(NAME, caller, "not in an organization: single-account mode, no member account to cover");
    }

    private static Finding couldNotList(String caller, OrganizationsException error) {
        return Finding.fail(NAME, caller, "could not check: organizations:ListAccounts: " + error.getMessage()
                + (error.accessDenied() ? " (allowed only in the management account or a delegated administrator account)" : ""));
    }

    /** Every active member account in every region, against the instances; and instances in accounts not in the organization. */
    static List<Finding> compare(Expected expected, List<OrganizationAccount> accounts, List<StackInstanceSummary> instances) {
        String scope = accounts.stream().map(OrganizationAccount::organizationId).flatMap(Optional::stream).findFirst()
                .orElse(expected.callerAccount());
        Map<String, String> coveredOtherwise = new TreeMap<>();
        accounts.stream().map(OrganizationAccount::managementAccountId).flatMap(Optional::stream)
                .forEach(id -> coveredOtherwise.put(id, "management"));
        coveredOtherwise.merge(expected.centralAccount(), "central", (management, central) -> management + " and " + central);

        Set<String> instancePlaces = instances.stream().map(i -> i.account() + "/" + i.region()).collect(Collectors.toSet());
        List<String> regions = expected.regions().stream().map(Region::id).toList();
        List<String> ignored = new ArrayList<>();
        Map<OrganizationAccount, List<String>> uncovered = new LinkedHashMap<>();
        int members = 0;
        for (OrganizationAccount account : accounts.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
            if (!account.active()) {
                ignored.add(account.id() + " (" + account.status() + ")");
            } else if (!coveredOtherwise.containsKey(account.id())) {
                members++;
                List<String> missing = regions.stream().filter(region -> !instancePlaces.contains(account.id() + "/" + region)).toList();
                if (!missing.isEmpty()) {
                    uncovered.put(account, missing);
                }
            }
        }
        String otherwise = coveredOtherwise.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
        String ignoring = ignored.isEmpty() ? "" : "; ignored, not active: " + String.join(", ", ignored);
        List<Finding> findings = new ArrayList<>();
        if (uncovered.isEmpty()) {
            findings.add(Finding.pass(NAME, scope, members + " active member accounts, each with an instance of "
                    + expected.stackSetName() + " in all " + regions.size() + " regions; " + otherwise
                    + ": forwarder stacks of their own" + ignoring));
        } else {
            int pairs = uncovered.values().stream().mapToInt(List::size).sum();
            findings.add(Finding.fail(NAME, scope, pairs + " of " + members * regions.size() + " account/region pairs have no"
                    + " instance of " + expected.stackSetName() + ", in " + uncovered.size() + " of " + members
                    + " active member accounts: " + named(uncovered, regions.size()) + ignoring));
        }
        stray(accounts, instances).ifPresent(detail -> findings.add(Finding.warn(NAME, scope, detail)));
        return findings;
    }

    private static String named(Map<OrganizationAccount, List<String>> uncovered, int regions) {
        String named = uncovered.entrySet().stream().limit(NAMED_ACCOUNTS)
                .map(e -> e.getKey().id() + (e.getKey().name().isBlank() ? "" : " " + e.getKey().name()) + " ("
                        + (e.getValue().size() == regions ? "all " + regions + " regions" : String.join(", ", e.getValue())) + ")")
                .collect(Collectors.joining(", "));
        return named + (uncovered.size() > NAMED_ACCOUNTS ? ", and " + (uncovered.size() - NAMED_ACCOUNTS) + " more accounts" : "");
    }

    /** Instances in accounts the organization does not list: left it, or never were in it. */
    private static Optional<String> stray(List<OrganizationAccount> accounts, List<StackInstanceSummary> instances) {
        Set<String> listed = accounts.stream().map(OrganizationAccount::id).collect(Collectors.toSet());
        Map<String, Set<String>> strays = new TreeMap<>();
        instances.stream().filter(i -> !listed.contains(i.account()))
                .forEach(i -> strays.computeIfAbsent(i.account(), a -> new TreeSet<>()).add(i.region()));
        if (strays.isEmpty()) {
            return Optional.empty();
        }
        int count = strays.values().stream().mapToInt(Set::size).sum();
        return Optional.of(count + " instances in " + strays.size() + " accounts not in the organization: "
                + strays.entrySet().stream().limit(NAMED_ACCOUNTS).map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                        .collect(Collectors.joining(", "))
                + (strays.size() > NAMED_ACCOUNTS ? ", and " + (strays.size() - NAMED_ACCOUNTS) + " more accounts" : "")
                + ": the central bus refuses their events (aws:PrincipalOrgID); delete the instances, or find out why the account left");
    }
}
