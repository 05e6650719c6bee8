package io.rootwatch.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.detect.Category;
import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.Envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What every rendering of an alert derives the same way: which account and region, when, whether
 * it succeeded, the console link. Values are as recorded; each rendering escapes them.
 */
final class AlertFacts {
    private static final Pattern EVENT_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /**
     * Regions of the commercial partition, whose console is console.aws.amazon.com; China and
     * GovCloud consoles live elsewhere, so their events get no link rather than a wrong one.
     */
    private static final Pattern COMMERCIAL_REGION = Pattern.compile(
            "(af|ap|ca|eu|il|me|mx|sa|us)-(central|north|south|east|west|northeast|northwest|southeast|southwest)-[1-9]");

    private AlertFacts() {
    }

    /** The record's account, else the envelope's: a forwarded event's own account is the record's. */
    static Optional<String> accountId(Alert alert) {
        return alert.record().accountId().or(() -> alert.envelope().flatMap(Envelope::account));
    }

    static Optional<String> region(Alert alert) {
        return alert.record().awsRegion().or(() -> alert.envelope().flatMap(Envelope::region));
    }

    static Optional<String> time(Alert alert) {
        return alert.record().eventTime().or(() -> alert.envelope().flatMap(Envelope::time));
    }

    /** Said after a value the record lacked and the envelope supplied, so a partial record never passes for whole. */
    static String envelopeNote(Optional<String> recorded, Optional<String> shown) {
        return recorded.isEmpty() && shown.isPresent() ? " (from the EventBridge envelope; the record has none)" : "";
    }

    /** True when the event came through another account's or region's bus than its own. */
    static boolean forwarded(CloudTrailRecord record, Envelope envelope) {
        return differ(record.accountId(), envelope.account()) || differ(record.awsRegion(), envelope.region());
    }

    private static boolean differ(Optional<String> recorded, Optional<String> delivered) {
        return recorded.isPresent() && delivered.isPresent() && !recorded.equals(delivered);
    }

    /** The verdict's reasons, and why a burst is more urgent than each failure in it. */
    static List<String> reasons(Alert alert) {
        List<String> reasons = new ArrayList<>(alert.verdict().reasons());
        alert.failureBurst().ifPresent(burst -> reasons.add(alert.severity() + ": " + burst.count()
                + " failed root sign-ins to account " + burst.accountId() + " within " + burst.windowMinutes()
                + " minutes; a burst of failures is HIGH whatever each one was"));
        return reasons;
    }

    static boolean signedWithLongTermKey(CloudTrailRecord record) {
        return record.accessKeyId().filter(key -> key.startsWith("AKIA")).isPresent();
    }

    /** Failed when CloudTrail recorded an error or a sign-in said "Failure". */
    static boolean succeeded(Alert alert) {
        CloudTrailRecord record = alert.record();
        return record.errorCode().isEmpty()
                && alert.verdict().category() != Category.ROOT_SIGN_IN_FAILURE
                && record.consoleLoginResult().filter("Failure"::equalsIgnoreCase).isEmpty();
    }

    /** What kind of credential signed the call, judged by the access key's prefix. */
    static String accessKeyKind(String accessKeyId) {
        if (accessKeyId.startsWith("AKIA")) {
            return "long-term root access key";
        }
        return accessKeyId.startsWith("ASIA") ? "temporary session key" : "access key";
    }

    /** The access key a root {@code CreateAccessKey} returned: the one to delete. */
    static Optional<String> createdAccessKeyId(CloudTrailRecord record) {
        return record.text("responseElements.accessKey.accessKeyId");
    }

    /** The request parameters as compact JSON, when the record has any. */
    static Optional<String> requestParameters(CloudTrailRecord record) {
        JsonNode parameters = record.json().get("requestParameters");
        return parameters != null && parameters.isObject() && !parameters.isEmpty()
                ? Optional.of(parameters.toString())
                : Optional.empty();
    }

    /**
     * The event in the CloudTrail console's event history, when its id and region have the form
     * CloudTrail gives them (anything else would be a link an attacker wrote). The id is the
     * record's own: a burst alert links the latest failed sign-in.
     */
    static Optional<String> cloudTrailLink(Alert alert) {
        String eventId = alert.record().eventId().orElse(alert.eventId());
        return alert.record().awsRegion()
                .filter(region -> COMMERCIAL_REGION.matcher(region).matches())
                .filter(region -> EVENT_ID.matcher(eventId).matches())
                .map(region -> "https://" + region + ".console.aws.amazon.com/cloudtrailv2/home?region=" + region
                        + "#/events/" + eventId);
    }
}
