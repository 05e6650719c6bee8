package io.rootwatch.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * bench/run-lambda-cold's helper, so that the script needs no AWS CLI:
 * <pre>
 * ColdSetup resources ENDPOINT            creates the table, the topic and a queue subscribed to it;
 *                                         prints TABLE=, TOPIC_ARN=, QUEUE_URL= lines
 * ColdSetup events SAMPLE DIR COUNT       writes COUNT distinct variants of SAMPLE (see RootEvents)
 *                                         to DIR/event-0001.json...
 * ColdSetup check ENDPOINT QUEUE_URL      prints the alerts the queue received and what the table holds:
 *                                         "alerts_queued=N events_recorded=M alerts_marked_sent=K"
 * </pre>
 */
public final class ColdSetup {
    private ColdSetup() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "resources" -> {
                require(args, 2);
                LocalAws.Resources resources = LocalAws.create(URI.create(args[1]), true);
                System.out.println("TABLE=" + resources.table());
                System.out.println("TOPIC_ARN=" + resources.topicArn());
                System.out.println("QUEUE_URL=" + resources.queueUrl().orElseThrow());
            }
            case "events" -> {
                require(args, 4);
                Path dir = Files.createDirectories(Path.of(args[2]));
                int count = Integer.parseInt(args[3]);
                List<String> variants = RootEvents.variants(Path.of(args[1]), 0, count,
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS));
                for (int i = 0; i < count; i++) {
                    Files.writeString(dir.resolve(String.format(Locale.ROOT, "event-%04d.json", i + 1)), variants.get(i));
                }
            }
            case "check" -> {
                require(args, 3);
                URI endpoint = URI.create(args[1]);
                int queued = LocalAws.queuedMessages(endpoint, args[2]);
                try (DynamoDbClient dynamo = LocalAws.dynamo(endpoint)) {
                    LocalAws.TableCounts counts = LocalAws.tableCounts(dynamo, LocalAws.TABLE);
                    System.out.println("alerts_queued=" + queued + " events_recorded=" + counts.events()
                            + " alerts_marked_sent=" + counts.alertsSent());
                }
            }
            default -> usage();
        }
    }

    private static void require(String[] args, int count) {
        if (args.length != count) {
            usage();
        }
    }

    private static void usage() {
        System.err.println("usage: ColdSetup resources ENDPOINT | events SAMPLE DIR COUNT | check ENDPOINT QUEUE_URL");
        System.exit(2);
    }
}
