package io.rootwatch.cli.athena;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a finished Athena query reports to the user: its id (to find it in the console or the
 * query history), the bytes it scanned (what Athena bills) and where Athena wrote the result file.
 */
public record QuerySummary(String queryExecutionId, long dataScannedBytes, Optional<String> outputLocation) {
    /** Athena's price in most regions: $5 per TB scanned, at least 10 MB per query, rounded up to the MB. */
    private static final double DOLLARS_PER_TB = 5.0;
    private static final long MB = 1_000_000L;
    private static final long MINIMUM_BILLED = 10 * MB;

    public QuerySummary {
        Objects.requireNonNull(queryExecutionId, "queryExecutionId");
        Objects.requireNonNull(outputLocation, "outputLocation");
    }

    /** The bytes Athena bills for this query: at least 10 MB, rounded up to a whole MB. */
    public long billedBytes() {
        long roundedUp = (dataScannedBytes + MB - 1) / MB * MB;
        return Math.max(MINIMUM_BILLED, roundedUp);
    }

    /** One line for the user: "Athena query ID scanned 1.2 GB (billed as 1.2 GB: about $0.0060 at $5/TB)". */
    public String describe() {
        return String.format(Locale.ROOT, "Athena query %s scanned %s (billed as %s: about $%.4f at $5/TB)",
                queryExecutionId, size(dataScannedBytes), size(billedBytes()), billedBytes() / 1e12 * DOLLARS_PER_TB);
    }

    private static String size(long bytes) {
        if (bytes < 1_000) {
            return bytes + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1_000 && unit < units.length - 1) {
            value /= 1_000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
