package io.rootwatch.detect;

import java.util.List;
import java.util.Objects;

/**
 * One entry of AWS's list of tasks that require root user credentials (or of its older versions,
 * when {@code rootOnly} is false), with the CloudTrail events that record it. A task with no
 * documented event has an empty {@code events} list: it is listed, never matched.
 */
public record RootTask(String id, String title, String documentation, boolean rootOnly, boolean credentialChange,
                       List<TaskEvent> events) {
    public RootTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(documentation, "documentation");
        events = List.copyOf(events);
    }

    /** The category an action of the root user that performs this task belongs to. */
    public Category category() {
        if (!rootOnly) {
            return Category.ROOT_API_CALL;
        }
        return credentialChange ? Category.ROOT_CREDENTIAL_CHANGE : Category.ROOT_ONLY_TASK;
    }

    public boolean hasCloudTrailEvent() {
        return !events.isEmpty();
    }
}
