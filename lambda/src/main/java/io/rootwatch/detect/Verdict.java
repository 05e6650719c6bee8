package io.rootwatch.detect;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What rootwatch concluded about one event: its category, the root task it performs (if any),
 * how urgent it is, whether MFA was used (when the record says), the reasons, in words, and, for
 * a centralized root session, the session (who opened it, with which task policy) when known.
 */
public record Verdict(Category category, Optional<RootTask> task, Severity severity, Optional<Boolean> mfaUsed,
                      List<String> reasons, Optional<AssumedRootSession> rootSession) {
    public Verdict {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(mfaUsed, "mfaUsed");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(rootSession, "rootSession");
    }

    public Optional<String> taskId() {
        return task.map(RootTask::id);
    }

    public boolean isRootActivity() {
        return category.isRootActivity();
    }
}
