package io.rootwatch.cli.athena;

import java.util.Objects;
import java.util.Optional;

/**
 * What a finished Athena query reports to the user: its id (to find it in the console or the
 * query history), the bytes it scanned (what Athena bills: $5 per TB) and where Athena wrote the
 * result file.
 */
public record QuerySummary(String queryExecutionId, long dataScannedBytes, Optional<String> outputLocation) {
    public QuerySummary {
        Objects.requireNonNull(queryExecutionId, "queryExecutionId");
        Objects.requireNonNull(outputLocation, "outputLocation");
    }
}
