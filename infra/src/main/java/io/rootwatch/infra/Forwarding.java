package io.rootwatch.infra;

import io.rootwatch.deployment.DeploymentNames;
import software.constructs.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.rootwatch.infra.RootwatchSettings.CENTRAL_ACCOUNT;
import static io.rootwatch.infra.RootwatchSettings.FORWARDER_DLQ_ALARMS;
import static io.rootwatch.infra.RootwatchSettings.FORWARDER_REGIONS;
import static io.rootwatch.infra.RootwatchSettings.MANAGEMENT_ACCOUNT;
import static io.rootwatch.infra.RootwatchSettings.MODE;
import static io.rootwatch.infra.RootwatchSettings.ORGANIZATIONAL_UNITS;
import static io.rootwatch.infra.RootwatchSettings.ORGANIZATION_ID;
import static io.rootwatch.infra.RootwatchSettings.ORGANIZATION_ROOT_ID;
import static io.rootwatch.infra.RootwatchSettings.REGION;
import static io.rootwatch.infra.RootwatchSettings.SINGLE_ACCOUNT_IDS;
import static io.rootwatch.infra.RootwatchSettings.STACK_SET_CALL_AS;
import static io.rootwatch.infra.RootwatchSettings.list;
import static io.rootwatch.infra.RootwatchSettings.text;

/**
 * Where root activity is forwarded from: every account of the organization (a service-managed
 * StackSet, plus ordinary stacks for the management account, which StackSets never target), or
 * the central account and the listed accounts without an organization, and every region of
 * {@link #regions()}, to the central bus in the central account's home region.
 *
 * @param organizationalUnits empty in single-account mode
 * @param managementAccount   empty in single-account mode
 * @param listedAccounts      single-account mode: the other accounts that forward with stacks of their own;
 *                            empty in organization mode
 * @param deadLetterAlarms    whether each forwarder alarms on its own dead-letter queue
 */
public record Forwarding(Mode mode, String homeRegion, String centralAccount, List<String> regions,
                         List<String> organizationalUnits, Optional<String> managementAccount, String callAs,
                         List<String> listedAccounts, DeadLetterAlarms deadLetterAlarms) {
    public enum Mode { ORGANIZATION, SINGLE_ACCOUNT }

    /**
     * A CloudWatch alarm is the only forwarder resource billed while idle ($0.10 a month each), and
     * EventBridge requires a rule's dead-letter queue in the rule's own region: one queue, and one
     * alarm, per account and region.
     */
    public enum DeadLetterAlarms {
        /** An alarm on every forwarder's dead-letter queue (the default). */
        EVERY_REGION("every-region"),
        /** Dead-letter queues without alarms: their depth is checked by other means (README). */
        NONE("none");

        private final String setting;

        DeadLetterAlarms(String setting) {
            this.setting = setting;
        }

        public String setting() {
            return setting;
        }
    }

    /** The regions enabled by default in every account: the commercial regions that are not opt-in. */
    public static final List<String> DEFAULT_REGIONS = DeploymentNames.DEFAULT_REGIONS;
    /** Global services (IAM, sign-in, Organizations, ...) record their events here: never left out. */
    public static final String GLOBAL_EVENTS_REGION = DeploymentNames.GLOBAL_EVENTS_REGION;
    public static final List<String> CALL_AS = List.of("SELF", "DELEGATED_ADMIN");

    private static final String ACCOUNT_ID = "[0-9]{12}";

    public Forwarding {
        regions = List.copyOf(regions);
        organizationalUnits = List.copyOf(organizationalUnits);
        listedAccounts = List.copyOf(listedAccounts);
    }

    /** The central bus forwarders deliver to. */
    public String centralBusArn() {
        return "arn:aws:events:" + homeRegion + ":" + centralAccount + ":event-bus/" + DetectorStack.BUS_NAME;
    }

    /**
     * The forwarding settings, or empty when none is given ({@code rootwatch:centralAccount} unset
     * and no explicit mode): then only the central stack is deployed, as before.
     */
    public static Optional<Forwarding> from(Node node, RootwatchSettings settings) {
        Optional<String> explicitMode = text(node, MODE);
        Optional<String> central = text(node, CENTRAL_ACCOUNT);
        if (explicitMode.isEmpty() && central.isEmpty()) {
            if (!settings.forwardingAccounts().isEmpty()) {
                throw new RootwatchSettings.InvalidSetting(CENTRAL_ACCOUNT, "set when " + SINGLE_ACCOUNT_IDS
                        + " is (the listed accounts' forwarders deliver to the central account's bus)", "nothing");
            }
            return Optional.empty();
        }
        String modeText = explicitMode.orElse(settings.organizationId().isPresent() ? "organization" : "single-account");
        Mode mode = switch (modeText) {
            case "organization" -> Mode.ORGANIZATION;
            case "single-account" -> Mode.SINGLE_ACCOUNT;
            default -> throw new RootwatchSettings.InvalidSetting(MODE, "organization or single-account", modeText);
        };
        if (mode == Mode.ORGANIZATION && settings.organizationId().isEmpty()) {
            throw new RootwatchSettings.InvalidSetting(MODE, "single-account unless " + ORGANIZATION_ID
                    + " is set (the central bus admits the organization by its id)", modeText);
        }
        String centralAccount = central.orElseThrow(() -> new RootwatchSettings.InvalidSetting(CENTRAL_ACCOUNT,
                "the 12-digit id of the account that runs the detector (forwarders deliver there)", "nothing"));
        if (!centralAccount.matches(ACCOUNT_ID)) {
            throw new RootwatchSettings.InvalidSetting(CENTRAL_ACCOUNT, "a 12-digit account id", centralAccount);
        }

        List<String> regions = new ArrayList<>(list(node, FORWARDER_REGIONS));
        regions.stream().filter(r -> !REGION.matcher(r).matches()).findFirst().ifPresent(bad -> {
            throw new RootwatchSettings.InvalidSetting(FORWARDER_REGIONS, "a list of AWS regions such as us-east-1", bad);
        });
        if (regions.isEmpty()) {
            regions.addAll(DEFAULT_REGIONS);
        }
        if (!regions.contains(GLOBAL_EVENTS_REGION)) {
            regions.add(0, GLOBAL_EVENTS_REGION);
        }
        if (!regions.contains(settings.homeRegion())) {
            regions.add(settings.homeRegion());   // member accounts' own home-region buses
        }
        regions = regions.stream().distinct().toList();

        List<String> units = List.of();
        Optional<String> management = Optional.empty();
        String callAs = text(node, STACK_SET_CALL_AS).orElse("SELF");
        if (!CALL_AS.contains(callAs)) {
            throw new RootwatchSettings.InvalidSetting(STACK_SET_CALL_AS, "one of " + CALL_AS, callAs);
        }
        if (mode == Mode.ORGANIZATION) {
            units = list(node, ORGANIZATIONAL_UNITS);
            units.stream().filter(ou -> !ou.matches("ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32}")).findFirst()
                    .ifPresent(bad -> {
                        throw new RootwatchSettings.InvalidSetting(ORGANIZATIONAL_UNITS,
                                "a list of organizational unit ids (ou-ab12-cd34ef56) or the root id (r-ab12)", bad);
                    });
            if (units.isEmpty()) {
                String root = text(node, ORGANIZATION_ROOT_ID).orElseThrow(() -> new RootwatchSettings.InvalidSetting(
                        ORGANIZATION_ROOT_ID, "the organization's root id such as r-ab12 (or set " + ORGANIZATIONAL_UNITS + ")",
                        "nothing"));
                if (!root.matches("r-[a-z0-9]{4,32}")) {
                    throw new RootwatchSettings.InvalidSetting(ORGANIZATION_ROOT_ID, "an organization root id such as r-ab12", root);
                }
                units = List.of(root);
            }
            String managementAccount = text(node, MANAGEMENT_ACCOUNT).orElseThrow(() -> new RootwatchSettings.InvalidSetting(
                    MANAGEMENT_ACCOUNT, "the organization's 12-digit management account id (StackSets never deploy there,"
                    + " so rootwatch deploys its forwarders with ordinary stacks)", "nothing"));
            if (!managementAccount.matches(ACCOUNT_ID)) {
                throw new RootwatchSettings.InvalidSetting(MANAGEMENT_ACCOUNT, "a 12-digit account id", managementAccount);
            }
            management = Optional.of(managementAccount);
        }
        String alarmsText = text(node, FORWARDER_DLQ_ALARMS).orElse(DeadLetterAlarms.EVERY_REGION.setting());
        DeadLetterAlarms alarms = Arrays.stream(DeadLetterAlarms.values()).filter(a -> a.setting().equals(alarmsText)).findFirst()
                .orElseThrow(() -> new RootwatchSettings.InvalidSetting(FORWARDER_DLQ_ALARMS,
                        "every-region (the default) or none", alarmsText));
        // The central account forwards from its own regions already: listed again, it would get a second set.
        List<String> listed = settings.forwardingAccounts().stream().filter(account -> !account.equals(centralAccount))
                .distinct().toList();
        return Optional.of(new Forwarding(mode, settings.homeRegion(), centralAccount, regions, units, management, callAs,
                listed, alarms));
    }
}
