package io.rootwatch.cli.athena;

import java.util.Objects;

/** A table to create: over which trail's folders, projecting which partitions. */
public record TableCreation(TrailLocation trail, TableProjection projection) {
    public TableCreation {
        Objects.requireNonNull(trail, "trail");
        Objects.requireNonNull(projection, "projection");
    }
}
