package io.rootwatch.cli.athena;

import java.util.stream.Stream;

/**
 * The CloudTrail records an Athena search found, as JSON text of the shape the classifier reads,
 * fetched page by page as the stream is read (so the Athena client must stay open until it is);
 * the query's id and cost, and the SQL it ran.
 */
public record RootActivityRecords(QuerySummary summary, String sql, Stream<String> records) {
}
