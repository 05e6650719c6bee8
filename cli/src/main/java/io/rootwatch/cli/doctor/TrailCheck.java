package io.rootwatch.cli.doctor;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every account has a trail that logs read and write management events in every region and is
 * logging: without one, CloudTrail sends EventBridge nothing and rootwatch sees nothing. A
 * member account may rely on the organization's trail.
 */
public final class TrailCheck implements Check {
    static final String NAME = "trail";

    /** Which management events a trail's selectors log. */
    enum Access { READ, WRITE }

    private final Visits visits;

    public TrailCheck(Visits visits) {
        this.visits = visits;
    }

    @Override
    public List<Finding> run(Deployment deployment) {
        return visits.findings(deployment.reachableAccounts(), NAME, AccountAccess::accountId, account -> List.of(visit(deployment, account)));
    }

    private static Finding visit(Deployment deployment, AccountAccess account) {
        try (CloudTrailClient cloudTrail = deployment.client(CloudTrailClient.builder(), account, deployment.homeRegion())) {
            return check(cloudTrail, account.accountId());
        } catch (SdkException e) {
            return Finding.couldNotCheck(NAME, account.accountId(), e);
        }
    }

    private static Finding check(CloudTrailClient cloudTrail, String scope) {
        List<Trail> trails = cloudTrail.describeTrails(b -> b.includeShadowTrails(true)).trailList();
        if (trails.isEmpty()) {
            return Finding.fail(NAME, scope, "no trail: CloudTrail delivers no management events to EventBridge");
        }
        List<String> problems = new ArrayList<>();
        boolean unverifiedOrganizationTrail = false;
        for (Trail trail : trails) {
            if (!Boolean.TRUE.equals(trail.isMultiRegionTrail())) {
                problems.add(trail.name() + ": single-region (" + trail.homeRegion() + " only)");
                continue;
            }
            String organization = Boolean.TRUE.equals(trail.isOrganizationTrail()) ? "organization trail " : "trail ";
            boolean logging;
            Set<Access> logged;
            try {
                logging = Boolean.TRUE.equals(cloudTrail.getTrailStatus(b -> b.name(trail.trailARN())).isLogging());
                logged = managementEventsLogged(cloudTrail.getEventSelectors(b -> b.trailName(trail.trailARN())),
                        Boolean.TRUE.equals(trail.hasCustomEventSelectors()));
            } catch (SdkException e) {
                problems.add(trail.name() + ": status unreadable (" + Finding.reason(e) + ")");
                if (Boolean.TRUE.equals(trail.isOrganizationTrail())) {
                    unverifiedOrganizationTrail = true;
                }
                continue;
            }
            if (!logging) {
                problems.add(trail.name() + ": not logging");
            } else if (!logged.containsAll(EnumSet.allOf(Access.class))) {
                problems.add(trail.name() + ": management events " + (logged.isEmpty() ? "not logged" : "logged " + logged + " only"));
            } else {
                return Finding.pass(NAME, scope, organization + trail.name() + ": multi-region, logging, management events read+write");
            }
        }
        if (unverifiedOrganizationTrail) {
            // A member account sees the organization's trail but may not be allowed to read its status: check it in the management account.
            return Finding.warn(NAME, scope, "only an organization trail whose logging could not be verified from this account"
                    + " (check it in the management account): " + String.join("; ", problems));
        }
        return Finding.fail(NAME, scope, "no multi-region trail logging read and write management events: " + String.join("; ", problems));
    }

    /**
     * Which management events the selectors log, classic or advanced. A trail created without
     * selectors logs every management event, which is what CloudTrail reports as no custom selectors.
     */
    static Set<Access> managementEventsLogged(GetEventSelectorsResponse selectors, boolean customSelectors) {
        Set<Access> logged = EnumSet.noneOf(Access.class);
        if (selectors.eventSelectors().isEmpty() && selectors.advancedEventSelectors().isEmpty()) {
            return customSelectors ? logged : EnumSet.allOf(Access.class);
        }
        for (EventSelector selector : selectors.eventSelectors()) {
            if (Boolean.FALSE.equals(selector.includeManagementEvents())) {
                continue;
            }
            ReadWriteType type = selector.readWriteType() == null ? ReadWriteType.ALL : selector.readWriteType();
            switch (type) {
                case READ_ONLY -> logged.add(Access.READ);
                case WRITE_ONLY -> logged.add(Access.WRITE);
                default -> logged.addAll(EnumSet.allOf(Access.class));
            }
        }
        for (AdvancedEventSelector selector : selectors.advancedEventSelectors()) {
            logged.addAll(advancedManagementEvents(selector.fieldSelectors()));
        }
        return logged;
    }

    /** An advanced selector selects management events when it says so; a readOnly field narrows it to reads or writes. */
    private static Set<Access> advancedManagementEvents(List<AdvancedFieldSelector> fields) {
        boolean management = fields.stream().anyMatch(f -> "eventCategory".equals(f.field()) && f.equalsValue().contains("Management"));
        if (!management) {
            return Set.of();
        }
        for (AdvancedFieldSelector field : fields) {
            if ("readOnly".equals(field.field()) && field.hasEqualsValue()) {
                Set<Access> narrowed = EnumSet.noneOf(Access.class);
                field.equalsValue().forEach(value -> narrowed.add(Boolean.parseBoolean(value) ? Access.READ : Access.WRITE));
                return narrowed;
            }
        }
        return EnumSet.allOf(Access.class);
    }
}
