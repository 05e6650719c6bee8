package io.rootwatch.alert;

import io.rootwatch.detect.BreakGlassWindow;
import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.Envelope;
import io.rootwatch.detect.Severity;
import io.rootwatch.detect.Verdict;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one alert says: the event and its verdict, and what the detector knew around it
 * (account name, planned window, the root session it belongs to, a burst of failed sign-ins,
 * fields the record lacked).
 *
 * @param eventId                the CloudTrail eventID, or the id derived for a record without one
 * @param envelope               the EventBridge envelope the event came in (its account/region may differ from the record's)
 * @param accountName            the name of the record's account, when configured or looked up
 * @param plannedWindow          the break-glass window covering the event: the event is expected
 * @param sessionKey             the root session the event belongs to; Slack threads alerts by it
 * @param recordedSinceLastAlert events of this session recorded but not alerted since its last alert
 * @param failureBurst           set when this alert reports repeated failed root sign-ins
 * @param missingFields          CloudTrail fields the record lacked or held unreadably: a partial record
 */
public record Alert(String eventId, CloudTrailRecord record, Verdict verdict, Optional<Envelope> envelope,
                    Optional<String> accountName, Optional<BreakGlassWindow> plannedWindow, String sessionKey,
                    int recordedSinceLastAlert, Optional<SignInFailureBurst> failureBurst, List<String> missingFields) {

    /** Repeated failed root sign-ins to one account: {@code count} within {@code windowMinutes}. */
    public record SignInFailureBurst(String accountId, int count, int windowMinutes, String firstTime, String lastTime) {
    }

    public Alert {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(plannedWindow, "plannedWindow");
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(failureBurst, "failureBurst");
        missingFields = List.copyOf(missingFields);
    }

    /** A burst of failed sign-ins is HIGH whatever each failure was; otherwise the verdict's. */
    public Severity severity() {
        return failureBurst.isPresent() ? Severity.HIGH : verdict.severity();
    }

    public boolean expected() {
        return plannedWindow.isPresent();
    }

    public boolean partial() {
        return !missingFields.isEmpty();
    }
}
