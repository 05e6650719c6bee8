package io.rootwatch.cli.athena;

import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs one Athena statement: StartQueryExecution, GetQueryExecution until it ends (waiting longer
 * each time, up to a limit), then GetQueryResults page by page, as the caller reads.
 */
public final class AthenaQueryRunner {
    /** Athena's largest page of results. */
    static final int PAGE_SIZE = 1000;

    /**
     * Where statements run: the database they name tables in, the workgroup (its settings and
     * limits apply) and the result location, which may be left to the workgroup's.
     */
    public record Placement(String database, String workgroup, Optional<String> outputLocation) {
        public Placement {
            SqlText.name("database", database);
            Objects.requireNonNull(workgroup, "workgroup");
            Objects.requireNonNull(outputLocation, "outputLocation");
        }
    }

    /** How to wait: the first pause between two GetQueryExecution calls, the longest, and when to give up. */
    public record Polling(Duration firstPause, Duration longestPause, Duration giveUpAfter) {
        public static final Polling DEFAULT = new Polling(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(30));
    }

    /** The rows of a query's result: the header row Athena puts first for a SELECT, then the data, read lazily. */
    public record Rows(List<Optional<String>> header, Stream<List<Optional<String>>> data) {
    }

    private final AthenaClient athena;
    private final Placement placement;
    private final Polling polling;

    public AthenaQueryRunner(AthenaClient athena, Placement placement, Polling polling) {
        this.athena = athena;
        this.placement = placement;
        this.polling = polling;
    }

    /** Runs a statement to its end; throws {@link AthenaQueryException} unless it succeeded. */
    public QuerySummary run(String sql) {
        return await(start(sql));
    }

    /** Starts a statement and answers its query execution id. */
    public String start(String sql) {
        StartQueryExecutionRequest.Builder request = StartQueryExecutionRequest.builder()
                .queryString(sql)
                .queryExecutionContext(context -> context.database(placement.database()))
                .workGroup(placement.workgroup());
        placement.outputLocation().ifPresent(location -> request.resultConfiguration(result -> result.outputLocation(location)));
        return athena.startQueryExecution(request.build()).queryExecutionId();
    }

    /**
     * Waits for a query to end. When it has not ended after {@link Polling#giveUpAfter()}, or the
     * thread is interrupted, the query is stopped, so that it does not go on scanning (and billing).
     */
    public QuerySummary await(String queryExecutionId) {
        long deadline = System.nanoTime() + polling.giveUpAfter().toNanos();
        Duration pause = polling.firstPause();
        while (true) {
            QueryExecution execution = athena.getQueryExecution(b -> b.queryExecutionId(queryExecutionId)).queryExecution();
            QueryExecutionStatus status = execution.status();
            QueryExecutionState state = status == null ? QueryExecutionState.UNKNOWN_TO_SDK_VERSION : status.state();
            switch (state) {
                case SUCCEEDED -> {
                    return summary(execution);
                }
                case FAILED, CANCELLED -> throw new AthenaQueryException(queryExecutionId, state.toString(), reason(status));
                default -> {
                    if (System.nanoTime() > deadline) {
                        stop(queryExecutionId);
                        throw new AthenaQueryException(queryExecutionId, "TIMED_OUT", Optional.of("still " + state + " after "
                                + polling.giveUpAfter() + "; rootwatch stopped it"));
                    }
                    sleep(queryExecutionId, pause);
                    pause = longer(pause);
                }
            }
        }
    }

    /** The result of a finished query, one page of {@value #PAGE_SIZE} rows fetched at a time as the stream is read. */
    public Rows rows(String queryExecutionId) {
        Iterator<GetQueryResultsResponse> pages = athena.getQueryResultsPaginator(b -> b.queryExecutionId(queryExecutionId)
                .maxResults(PAGE_SIZE)).iterator();
        Iterator<Row> rows = new Iterator<>() {
            private Iterator<Row> page = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && pages.hasNext()) {
                    page = pages.next().resultSet().rows().iterator();
                }
                return page.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        List<Optional<String>> header = rows.hasNext() ? values(rows.next()) : List.of();
        Stream<List<Optional<String>>> data = StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .map(AthenaQueryRunner::values);
        return new Rows(header, data);
    }

    private static List<Optional<String>> values(Row row) {
        List<Optional<String>> values = new ArrayList<>(row.data().size());
        for (Datum datum : row.data()) {
            values.add(Optional.ofNullable(datum.varCharValue()));
        }
        return values;
    }

    private static QuerySummary summary(QueryExecution execution) {
        long scanned = execution.statistics() == null || execution.statistics().dataScannedInBytes() == null
                ? 0 : execution.statistics().dataScannedInBytes();
        Optional<String> output = Optional.ofNullable(execution.resultConfiguration())
                .map(configuration -> configuration.outputLocation());
        return new QuerySummary(execution.queryExecutionId(), scanned, output);
    }

    /** Athena's state-change reason, and the error category and type when it gives them. */
    private static Optional<String> reason(QueryExecutionStatus status) {
        if (status.stateChangeReason() == null && status.athenaError() == null) {
            return Optional.empty();
        }
        StringBuilder reason = new StringBuilder(Objects.requireNonNullElse(status.stateChangeReason(), "no reason given"));
        if (status.athenaError() != null && status.athenaError().errorType() != null) {
            reason.append(" (error type ").append(status.athenaError().errorType())
                    .append(Boolean.TRUE.equals(status.athenaError().retryable()) ? ", retryable)" : ")");
        }
        return Optional.of(reason.toString());
    }

    private Duration longer(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(polling.longestPause()) > 0 ? polling.longestPause() : doubled;
    }

    private void sleep(String queryExecutionId, Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(queryExecutionId);
            throw new AthenaQueryException(queryExecutionId, "CANCELLED", Optional.of("interrupted; rootwatch stopped it"));
        }
    }

    private void stop(String queryExecutionId) {
        athena.stopQueryExecution(b -> b.queryExecutionId(queryExecutionId));
    }
}
