package io.rootwatch.infra;

import software.constructs.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The deployment's settings, from CDK context ({@code cdk.json} defaults, {@code -c key=value}
 * overrides), validated at synth: a wrong value stops the synth with a message naming the key.
 *
 * @param emailSeverities   severities that reach email subscribers; empty means all
 * @param destroyOnRemoval  for test accounts only: delete the audit table and key with the stack
 */
public record RootwatchSettings(String homeRegion, List<String> alertEmails, List<String> emailSeverities,
                                Optional<SlackChannel> slack, Optional<TeamsChannel> teams, int retentionDays,
                                Map<String, String> accountNames, Optional<String> organizationId,
                                List<String> forwardingAccounts, boolean lookUpAccountNames, boolean destroyOnRemoval) {
    public static final String HOME_REGION = "rootwatch:homeRegion";
    public static final String ALERT_EMAILS = "rootwatch:alertEmails";
    public static final String EMAIL_SEVERITIES = "rootwatch:emailSeverities";
    public static final String SLACK_WORKSPACE_ID = "rootwatch:slackWorkspaceId";
    public static final String SLACK_CHANNEL_ID = "rootwatch:slackChannelId";
    public static final String TEAMS_TENANT_ID = "rootwatch:teamsTenantId";
    public static final String TEAMS_TEAM_ID = "rootwatch:teamsTeamId";
    public static final String TEAMS_CHANNEL_ID = "rootwatch:teamsChannelId";
    public static final String RETENTION_DAYS = "rootwatch:retentionDays";
    public static final String ACCOUNT_NAMES = "rootwatch:accountNames";
    public static final String ORGANIZATION_ID = "rootwatch:organizationId";
    public static final String REMOVAL_POLICY = "rootwatch:removalPolicy";
    public static final String LOOK_UP_ACCOUNT_NAMES = "rootwatch:lookUpAccountNames";
    /** Without an organization: the accounts whose forwarders may put events on the central bus. */
    public static final String SINGLE_ACCOUNT_IDS = "rootwatch:singleAccountIds";
    // Organization-wide forwarding: read and validated by Forwarding.from.
    public static final String MODE = "rootwatch:mode";
    public static final String CENTRAL_ACCOUNT = "rootwatch:centralAccount";
    public static final String FORWARDER_REGIONS = "rootwatch:forwarderRegions";
    public static final String ORGANIZATIONAL_UNITS = "rootwatch:organizationalUnits";
    public static final String ORGANIZATION_ROOT_ID = "rootwatch:organizationRootId";
    public static final String MANAGEMENT_ACCOUNT = "rootwatch:managementAccount";
    public static final String STACK_SET_CALL_AS = "rootwatch:stackSetCallAs";
    public static final String FORWARDER_DLQ_ALARMS = "rootwatch:forwarderDlqAlarms";

    static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-[0-9]");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");
    private static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO");

    public record SlackChannel(String workspaceId, String channelId) {
    }

    public record TeamsChannel(String tenantId, String teamId, String channelId) {
    }

    public RootwatchSettings {
        alertEmails = List.copyOf(alertEmails);
        forwardingAccounts = List.copyOf(forwardingAccounts);
        emailSeverities = List.copyOf(emailSeverities);
        accountNames = Map.copyOf(accountNames);
    }

    /** A context value that cannot be used; the message names the key and what it should hold. */
    public static final class InvalidSetting extends IllegalArgumentException {
        InvalidSetting(String key, String expected, Object got) {
            super("CDK context " + key + " must be " + expected + ", got: " + got);
        }
    }

    public static RootwatchSettings from(Node node) {
        String homeRegion = text(node, HOME_REGION).orElse("us-east-1");
        if (!REGION.matcher(homeRegion).matches()) {
            throw new InvalidSetting(HOME_REGION, "an AWS region such as us-east-1", homeRegion);
        }
        List<String> emails = list(node, ALERT_EMAILS);
        emails.stream().filter(e -> !EMAIL.matcher(e).matches()).findFirst().ifPresent(bad -> {
            throw new InvalidSetting(ALERT_EMAILS, "a list of email addresses", bad);
        });
        List<String> severities = list(node, EMAIL_SEVERITIES).stream().map(String::toUpperCase).toList();
        severities.stream().filter(s -> !SEVERITIES.contains(s)).findFirst().ifPresent(bad -> {
            throw new InvalidSetting(EMAIL_SEVERITIES, "a list of " + SEVERITIES, bad);
        });
        Optional<SlackChannel> slack = pair(node, SLACK_WORKSPACE_ID, SLACK_CHANNEL_ID)
                .map(ids -> new SlackChannel(ids.get(0), ids.get(1)));
        Optional<TeamsChannel> teams = triple(node).map(ids -> new TeamsChannel(ids.get(0), ids.get(1), ids.get(2)));
        teams.map(TeamsChannel::channelId).filter(id -> !id.matches("[A-Za-z0-9%._-]+")).ifPresent(bad -> {
            throw new InvalidSetting(TEAMS_CHANNEL_ID, "URL-encoded as AWS Chatbot expects it, e.g. 19%3ab6ef...%40thread.tacv2", bad);
        });
        int retention = text(node, RETENTION_DAYS).map(t -> parseDays(t)).orElse(400);
        Optional<String> organization = text(node, ORGANIZATION_ID);
        organization.filter(id -> !id.matches("o-[a-z0-9]{10,32}")).ifPresent(bad -> {
            throw new InvalidSetting(ORGANIZATION_ID, "an organization id such as o-a1b2c3d4e5", bad);
        });
        String removal = text(node, REMOVAL_POLICY).orElse("retain");
        if (!removal.equals("retain") && !removal.equals("destroy")) {
            throw new InvalidSetting(REMOVAL_POLICY, "retain (the default) or destroy (test accounts only)", removal);
        }
        String lookUp = text(node, LOOK_UP_ACCOUNT_NAMES).orElse("false");
        if (!lookUp.equals("true") && !lookUp.equals("false")) {
            throw new InvalidSetting(LOOK_UP_ACCOUNT_NAMES, "true or false", lookUp);
        }
        if (lookUp.equals("true") && organization.isEmpty()) {
            throw new InvalidSetting(LOOK_UP_ACCOUNT_NAMES, "false unless " + ORGANIZATION_ID + " is set (the grant names the organization)", lookUp);
        }
        List<String> forwardingAccounts = list(node, SINGLE_ACCOUNT_IDS);
        forwardingAccounts.stream().filter(id -> !id.matches("[0-9]{12}")).findFirst().ifPresent(bad -> {
            throw new InvalidSetting(SINGLE_ACCOUNT_IDS, "a list of 12-digit account ids", bad);
        });
        if (!forwardingAccounts.isEmpty() && organization.isPresent()) {
            throw new InvalidSetting(SINGLE_ACCOUNT_IDS, "unset when " + ORGANIZATION_ID + " is set (the organization is admitted as a whole)",
                    forwardingAccounts);
        }
        return new RootwatchSettings(homeRegion, emails, severities, slack, teams, retention, accountNames(node),
                organization, forwardingAccounts, lookUp.equals("true"), removal.equals("destroy"));
    }

    private static int parseDays(String text) {
        try {
            int days = Integer.parseInt(text);
            if (days >= 0 && days <= 36_500) {
                return days;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidSetting(RETENTION_DAYS, "a number of days from 0 (keep forever) to 36500", text);
    }

    static Optional<String> text(Node node, String key) {
        Object value = node.tryGetContext(key);
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** A JSON list in cdk.json, or a comma-separated string from {@code -c key=a,b}. */
    static List<String> list(Node node, String key) {
        Object value = node.tryGetContext(key);
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> items.add(String.valueOf(item).trim()));
        } else if (value != null) {
            for (String item : value.toString().split(",")) {
                items.add(item.trim());
            }
        }
        return items.stream().filter(s -> !s.isEmpty()).toList();
    }

    private static Optional<List<String>> pair(Node node, String first, String second) {
        Optional<String> a = text(node, first);
        Optional<String> b = text(node, second);
        if (a.isPresent() != b.isPresent()) {
            throw new InvalidSetting(a.isPresent() ? second : first, "set together with " + (a.isPresent() ? first : second), "nothing");
        }
        return a.map(x -> List.of(x, b.get()));
    }

    private static Optional<List<String>> triple(Node node) {
        List<String> keys = List.of(TEAMS_TENANT_ID, TEAMS_TEAM_ID, TEAMS_CHANNEL_ID);
        List<Optional<String>> values = keys.stream().map(k -> text(node, k)).toList();
        long set = values.stream().filter(Optional::isPresent).count();
        if (set == 0) {
            return Optional.empty();
        }
        if (set != keys.size()) {
            String missing = keys.get(values.indexOf(Optional.<String>empty()));
            throw new InvalidSetting(missing, "set together with the other Microsoft Teams ids " + keys, "nothing");
        }
        return Optional.of(values.stream().map(Optional::get).toList());
    }

    private static Map<String, String> accountNames(Node node) {
        Object value = node.tryGetContext(ACCOUNT_NAMES);
        Map<String, String> names = new LinkedHashMap<>();
        if (value == null) {
            return names;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidSetting(ACCOUNT_NAMES, "a map from 12-digit account ids to names (in cdk.json)", value);
        }
        map.forEach((id, name) -> {
            if (!String.valueOf(id).matches("[0-9]{12}") || name == null || name.toString().isBlank()) {
                throw new InvalidSetting(ACCOUNT_NAMES, "a map from 12-digit account ids to names", id + "=" + name);
            }
            names.put(String.valueOf(id), name.toString());
        });
        return names;
    }
}
