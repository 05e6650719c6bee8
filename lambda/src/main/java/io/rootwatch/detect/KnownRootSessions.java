package io.rootwatch.detect;

import java.util.Optional;

/**
 * The centralized root sessions seen so far, by the access key their {@code sts:AssumeRoot}
 * returned, so that a member-account event carrying that key is recognised as part of one.
 */
@FunctionalInterface
public interface KnownRootSessions {
    KnownRootSessions NONE = accessKeyId -> Optional.empty();

    Optional<AssumedRootSession> find(String accessKeyId);
}
