package io.rootwatch.cli.query;

import io.rootwatch.audit.AuditRecord;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs a {@link QueryPlan} against the audit table: every page of every partition (the SDK's
 * paginator follows LastEvaluatedKey), merged into one stream in time order. Pages are fetched as
 * the stream is read, so a long result is never held in memory.
 */
public final class AuditQuery {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Optional<Integer> pageSize;

    /** @param pageSize the most items DynamoDB reads per request (empty: its own limit of 1 MB) */
    public AuditQuery(DynamoDbClient dynamo, String table, Optional<Integer> pageSize) {
        this.dynamo = dynamo;
        this.table = table;
        this.pageSize = pageSize;
    }

    /**
     * The events the plan selects, oldest first. An item that is not a readable event is passed to
     * {@code unreadable} with the reason, and the rest still follow.
     */
    public Stream<AuditRecord> run(QueryPlan plan, Consumer<AuditRecord.UnreadableItem> unreadable) {
        List<Iterator<Map<String, AttributeValue>>> partitions = new ArrayList<>();
        for (String partition : plan.partitions()) {
            partitions.add(new LazyIterator(() -> dynamo.queryPaginator(plan.request(table, partition, pageSize)).items().iterator()));
        }
        Iterator<Map<String, AttributeValue>> items = plan.partitionsFollowInTime()
                ? partitions.stream().flatMap(AuditQuery::stream).iterator()
                : new TimeOrderedMerge(partitions);
        return stream(items).flatMap(item -> {
            try {
                return Stream.of(AuditRecord.fromItem(item));
            } catch (AuditRecord.UnreadableItem e) {
                unreadable.accept(e);
                return Stream.empty();
            }
        });
    }

    private static <T> Stream<T> stream(Iterator<T> iterator) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }

    /** Starts a partition's query only when its first item is wanted. */
    private static final class LazyIterator implements Iterator<Map<String, AttributeValue>> {
        private final Supplier<Iterator<Map<String, AttributeValue>>> start;
        private Iterator<Map<String, AttributeValue>> started;

        LazyIterator(Supplier<Iterator<Map<String, AttributeValue>>> start) {
            this.start = start;
        }

        private Iterator<Map<String, AttributeValue>> started() {
            if (started == null) {
                started = start.get();
            }
            return started;
        }

        @Override
        public boolean hasNext() {
            return started().hasNext();
        }

        @Override
        public Map<String, AttributeValue> next() {
            return started().next();
        }
    }

    /** Merges partitions that each come in time order into one time-ordered sequence. */
    private static final class TimeOrderedMerge implements Iterator<Map<String, AttributeValue>> {
        private record Head(Map<String, AttributeValue> item, Iterator<Map<String, AttributeValue>> rest) {
        }

        private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> QueryPlan.TIME_ORDER.compare(a.item(), b.item()));

        TimeOrderedMerge(List<Iterator<Map<String, AttributeValue>>> partitions) {
            partitions.forEach(this::advance);
        }

        private void advance(Iterator<Map<String, AttributeValue>> partition) {
            if (partition.hasNext()) {
                heads.add(new Head(partition.next(), partition));
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public Map<String, AttributeValue> next() {
            Head head = heads.poll();
            if (head == null) {
                throw new NoSuchElementException();
            }
            advance(head.rest());
            return head.item();
        }
    }
}
