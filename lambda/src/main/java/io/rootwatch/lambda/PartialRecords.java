package io.rootwatch.lambda;

import io.rootwatch.detect.CloudTrailRecord;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Which of the fields an alert and the audit table rely on a record lacks, or holds unreadably. */
final class PartialRecords {
    private PartialRecords() {
    }

    private record Field(String name, Function<CloudTrailRecord, Optional<String>> read) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("eventID", CloudTrailRecord::eventId),
            new Field("eventTime", record -> record.eventTime().filter(PartialRecords::isInstant)),
            new Field("eventSource", CloudTrailRecord::eventSource),
            new Field("eventName", CloudTrailRecord::eventName),
            new Field("awsRegion", CloudTrailRecord::awsRegion),
            new Field("recipientAccountId", CloudTrailRecord::accountId),
            new Field("userIdentity.type", CloudTrailRecord::identityType));

    static List<String> missingFields(CloudTrailRecord record) {
        List<String> missing = new ArrayList<>();
        for (Field field : FIELDS) {
            if (field.read().apply(record).isEmpty()) {
                missing.add(field.name());
            }
        }
        return missing;
    }

    private static boolean isInstant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
