package io.rootwatch.cli.report;

import io.rootwatch.audit.AccountSignIns.LastSignIn;
import io.rootwatch.audit.AuditRecord;
import io.rootwatch.detect.Category;
import io.rootwatch.detect.RootTask;
import io.rootwatch.detect.Severity;
import io.rootwatch.detect.TaskCatalog;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the audit table says about one account's root user in the period: its events (oldest
 * first), and its last root sign-in ever recorded, which may fall outside the period.
 */
public record AccountEvidence(String accountId, List<AuditRecord> events, Optional<LastSignIn> lastSignInRecorded) {

    /** A root-only task performed, with the catalog's title and documentation. */
    public record TaskPerformed(AuditRecord event, RootTask task) {
    }

    public AccountEvidence {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(lastSignInRecorded, "lastSignInRecorded");
        events = List.copyOf(events);
    }

    public boolean hadRootActivity() {
        return !events.isEmpty();
    }

    /** The name the detector gave the account, from its latest event that has one. */
    public Optional<String> accountName() {
        return events.reversed().stream().flatMap(e -> e.accountName().stream()).findFirst();
    }

    public Optional<AuditRecord> lastSignInInPeriod() {
        return events.reversed().stream().filter(e -> e.category() == Category.ROOT_SIGN_IN).findFirst();
    }

    public Map<Category, Long> countsByCategory() {
        Map<Category, Long> counts = new EnumMap<>(Category.class);
        events.forEach(e -> counts.merge(e.category(), 1L, Long::sum));
        return counts;
    }

    public Map<Severity, Long> countsBySeverity() {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        events.forEach(e -> counts.merge(e.severity(), 1L, Long::sum));
        return counts;
    }

    /** Events of a task only root can do (credential changes included), as the catalog lists it. */
    public List<TaskPerformed> rootOnlyTasks(TaskCatalog catalog) {
        return events.stream().flatMap(e -> e.task().flatMap(catalog::task).filter(RootTask::rootOnly).stream()
                .map(task -> new TaskPerformed(e, task))).toList();
    }

    public List<AuditRecord> signInsWithoutMfa() {
        return events.stream().filter(AuditRecord::isSignInWithoutMfa).toList();
    }

    public List<AuditRecord> rootAccessKeyUse() {
        return events.stream().filter(e -> e.rootAccessKey().isPresent()).toList();
    }
}
