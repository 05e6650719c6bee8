package io.rootwatch.cli.query;

import io.rootwatch.audit.AuditRecord;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The fields of an audit record in JSON Lines and CSV output: these names and this order are part
 * of the command's interface (scripts read them), so add fields at the end and never rename.
 */
final class RecordFields {
    /** A field: its name, and its value, a String, Boolean or List of Strings, when the record has it. */
    record Field(String name, Function<AuditRecord, Optional<?>> value) {
    }

    static final List<Field> ALL = List.of(
            new Field("eventId", r -> Optional.of(r.eventId())),
            new Field("eventTime", r -> Optional.of(r.eventTime().toString())),
            new Field("accountId", r -> Optional.of(r.accountId())),
            new Field("accountName", AuditRecord::accountName),
            new Field("region", r -> Optional.of(r.region())),
            new Field("eventSource", AuditRecord::eventSource),
            new Field("eventName", AuditRecord::eventName),
            new Field("category", r -> Optional.of(r.category().name())),
            new Field("severity", r -> Optional.of(r.severity().name())),
            new Field("task", AuditRecord::task),
            new Field("taskTitle", AuditRecord::taskTitle),
            new Field("mfaUsed", AuditRecord::mfaUsed),
            new Field("sourceIPAddress", AuditRecord::sourceIpAddress),
            new Field("userAgent", AuditRecord::userAgent),
            new Field("outcome", r -> Optional.of(r.outcome())),
            new Field("errorCode", AuditRecord::errorCode),
            new Field("accessKeyId", AuditRecord::accessKeyId),
            new Field("identityType", AuditRecord::identityType),
            new Field("identityArn", AuditRecord::identityArn),
            new Field("expected", r -> Optional.of(r.expected())),
            new Field("expectedReason", AuditRecord::expectedReason),
            new Field("expectedBy", AuditRecord::expectedBy),
            new Field("alertState", AuditRecord::alertState),
            new Field("reasons", r -> Optional.of(r.reasons())));

    private RecordFields() {
    }
}
