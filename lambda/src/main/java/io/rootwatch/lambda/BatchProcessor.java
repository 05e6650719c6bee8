package io.rootwatch.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Handles a batch of queue messages one by one: a message that fails, for whatever reason, is
 * reported as a batch item failure and never fails its batch-mates.
 */
final class BatchProcessor {
    private final EventProcessor processor;
    private final Telemetry telemetry;

    BatchProcessor(EventProcessor processor, Telemetry telemetry) {
        this.processor = processor;
        this.telemetry = telemetry;
    }

    SQSBatchResponse process(SQSEvent batch) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = batch == null || batch.getRecords() == null ? List.of() : batch.getRecords();
        for (SQSEvent.SQSMessage message : messages) {
            long started = System.nanoTime();
            try {
                for (ProcessedEvent event : processor.process(message.getBody() == null ? "" : message.getBody())) {
                    telemetry.processed(message.getMessageId(), event, millisSince(started));
                }
            } catch (UnreadableMessage | RuntimeException e) {
                telemetry.failed(message.getMessageId(), message.getBody(), e, millisSince(started));
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        telemetry.flushMetrics();
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
