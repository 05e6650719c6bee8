package io.rootwatch.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the function once, outside Lambda, on EventBridge events read from files, as one SQS batch:
 * {@code java -cp rootwatch-lambda-aws-lambda.jar io.rootwatch.lambda.LocalInvoke event.json...}.
 * Configuration comes from the same environment variables as in Lambda (AWS_ENDPOINT_URL points
 * the SDK at an emulator). Exits 1 when any message of the batch failed.
 */
public final class LocalInvoke {
    private LocalInvoke() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: LocalInvoke EVENT.json... (EventBridge events, one per file)");
            System.exit(2);
        }
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("local-" + i);
            message.setBody(Files.readString(Path.of(args[i])));
            messages.add(message);
        }
        SQSEvent batch = new SQSEvent();
        batch.setRecords(messages);
        SQSBatchResponse response = new RootwatchHandler().handleRequest(batch, null);
        response.getBatchItemFailures().forEach(failure -> System.err.println("failed: " + failure.getItemIdentifier()));
        System.exit(response.getBatchItemFailures().isEmpty() ? 0 : 1);
    }
}
