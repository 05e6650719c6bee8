package io.rootwatch.bench;

import io.rootwatch.audit.AuditTableSchema;
import io.rootwatch.lambda.DetectorConfig;
import io.rootwatch.lambda.EventProcessor;
import io.rootwatch.lambda.Outcome;
import io.rootwatch.lambda.ProcessedEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Warm per-event latency of the detector: one {@link EventProcessor} whose SDK clients are built
 * once, exactly as in a warm Lambda execution environment ({@code AwsClients}), handles distinct
 * root events one by one against moto_server (classify, conditional write, publish, mark sent),
 * and each event is timed. A plain timed loop rather than JMH: the figure wanted is the
 * distribution over a fixed set of 1,000 distinct events (each one must be new to the detector,
 * so they cannot be replayed for as long as JMH decides), and each event is milliseconds of I/O,
 * far above what JMH's harness protects against.
 *
 * <p>Every SDK call is timed by {@link CallTimer}, which splits each event's time into the wire
 * (request out, moto_server's work, response back: moto's share), the SDK's client side
 * (marshalling, signing, unmarshalling) and rootwatch's own code (parsing, classifying,
 * rendering, between calls). After each event, a bare DynamoDB {@code GetItem} and a bare SNS
 * {@code Publish} are timed on the same clients: the floor of one round trip to this endpoint,
 * measured under the same conditions.
 * <pre>
 * java -cp bench/target/benchmarks.jar io.rootwatch.bench.DetectorLatency [--events 1000] [--warmup 200]
 *      [--sample events-samples/signin-root-success-no-mfa.json] [--raw FILE.tsv]
 * </pre>
 * Starts moto_server itself (on a free port) and stops it at the end.
 */
public final class DetectorLatency {
    /** The budget: warm p99 per event against a local endpoint. */
    public static final double P99_BUDGET_MS = 20;

    private DetectorLatency() {
    }

    public static void main(String[] args) throws Exception {
        int events = 1000;
        int warmup = 200;
        Path sample = Path.of(System.getProperty("rootwatch.samples", "events-samples"), RootEvents.DEFAULT_SAMPLE);
        Path raw = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--sample" -> sample = Path.of(args[i + 1]);
                case "--raw" -> raw = Path.of(args[i + 1]);
                default -> {
                    System.err.println("usage: DetectorLatency [--events N] [--warmup N] [--sample FILE] [--raw FILE.tsv]");
                    System.exit(2);
                }
            }
        }
        List<String> envelopes = RootEvents.variants(sample, 0, warmup + events,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(2, ChronoUnit.HOURS));

        try (LocalAws moto = LocalAws.start()) {
            System.out.printf(Locale.ROOT, "moto_server pid %d on %s, ready in %d ms%n", moto.pid(), moto.endpoint(), moto.startup().toMillis());
            LocalAws.Resources resources = LocalAws.create(moto.endpoint(), false);
            DynamoDbClient dynamo = LocalAws.dynamo(moto.endpoint());
            SnsClient sns = LocalAws.sns(moto.endpoint());
            DetectorConfig config = DetectorConfig.fromEnvironment(Map.of(DetectorConfig.TABLE, resources.table(),
                    DetectorConfig.TOPIC, resources.topicArn()));
            EventProcessor processor = new EventProcessor(config, dynamo, sns, Clock.systemUTC());
            System.out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ", "
                    + ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()
                    + ", flags " + ManagementFactory.getRuntimeMXBean().getInputArguments());
            System.out.printf(Locale.ROOT, "events: %d warm-up + %d measured distinct variants of %s (fresh eventID, own source IP:"
                    + " each opens its own root session and is alerted)%n", warmup, events, sample.getFileName());

            // Warm-up: the first event of the JVM pays class loading and the SDK's first-call set-up.
            CallTimer.drain();
            double first = 0;
            long warmStart = System.nanoTime();
            for (int i = 0; i < warmup; i++) {
                long t0 = System.nanoTime();
                expectAlerted(processor.process(envelopes.get(i)), i);
                if (i == 0) {
                    first = (System.nanoTime() - t0) / 1e6;
                }
                floor(dynamo, sns, resources, envelopes.get(i));
            }
            double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
            CallTimer.drain();
            if (warmup > 0) {
                System.out.printf(Locale.ROOT, "warm-up: %d events in %.1f s; the JVM's first event took %.1f ms (clients already built)%n",
                        warmup, warmSeconds, first);
            }

            double[] total = new double[events];
            double[] wire = new double[events];
            double[] sdk = new double[events];
            double[] own = new double[events];
            double[] getFloor = new double[events];
            double[] publishFloor = new double[events];
            double[] pairFloor = new double[events];
            double[] getFloorWire = new double[events];
            double[] publishFloorWire = new double[events];
            int[] callCount = new int[events];
            Map<String, Integer> operations = new TreeMap<>();
            // Wire time of each call of the event's sequence, keyed by operation and occurrence within the event
            // ("DynamoDb.UpdateItem #2"), so that a call made by some events only does not shift the others.
            Map<String, Slot> slots = new java.util.HashMap<>();
            long measureStart = System.nanoTime();
            for (int i = 0; i < events; i++) {
                String envelope = envelopes.get(warmup + i);
                long t0 = System.nanoTime();
                List<ProcessedEvent> processed = processor.process(envelope);
                long t1 = System.nanoTime();
                List<CallTimer.Call> calls = CallTimer.drain();
                expectAlerted(processed, warmup + i);
                total[i] = (t1 - t0) / 1e6;
                double inCalls = 0;
                Map<String, Integer> seen = new java.util.HashMap<>();
                for (int c = 0; c < calls.size(); c++) {
                    CallTimer.Call call = calls.get(c);
                    String op = call.service() + "." + call.operation();
                    int occurrence = seen.merge(op, 1, Integer::sum);
                    slots.computeIfAbsent(op + " #" + occurrence, k -> new Slot()).add(i, c, call.wireNanos() / 1e6);
                    inCalls += call.totalNanos() / 1e6;
                    wire[i] += call.wireNanos() / 1e6;
                    operations.merge(call.service() + "." + call.operation(), 1, Integer::sum);
                }
                sdk[i] = inCalls - wire[i];
                own[i] = total[i] - inCalls;
                callCount[i] = calls.size();

                double[] f = floor(dynamo, sns, resources, envelope);
                getFloor[i] = f[0];
                publishFloor[i] = f[1];
                pairFloor[i] = f[0] + f[1];
                getFloorWire[i] = f[2];
                publishFloorWire[i] = f[3];
            }
            double measureSeconds = (System.nanoTime() - measureStart) / 1e9;

            LocalAws.TableCounts counts = LocalAws.tableCounts(dynamo, resources.table());
            if (raw != null) {
                writeRaw(raw, total, wire, sdk, own, callCount, getFloor, publishFloor);
            }
            dynamo.close();
            sns.close();

            print(events, measureSeconds, total, wire, sdk, own, getFloor, publishFloor, pairFloor, getFloorWire, publishFloorWire, callCount, operations);
            printSlots(slots, events, getFloorWire);
            int expected = warmup + events;
            boolean verified = counts.events() == expected && counts.alertsSent() == expected;
            System.out.printf(Locale.ROOT, "check: table holds %d events, %d alerts marked sent with an SNS message id (expected %d and %d): %s%n",
                    counts.events(), counts.alertsSent(), expected, expected, verified ? "OK" : "MISMATCH");
            double p99 = percentile(total, 99);
            System.out.printf(Locale.ROOT, "budget: warm p99 < %.0f ms against a local endpoint: %s (p99 %.2f ms)%n", P99_BUDGET_MS,
                    p99 < P99_BUDGET_MS ? "PASS" : "FAIL", p99);
            double ownP99 = percentile(minus(total, wire), 99);
            System.out.printf(Locale.ROOT, "        without moto_server's time (detector minus wire), p99 %.2f ms: %s%n", ownP99,
                    ownP99 < P99_BUDGET_MS ? "within the budget" : "over the budget");
            if (!verified) {
                System.exit(1);
            }
        }
    }

    /**
     * A bare GetItem (consistent read of a key that holds nothing: the smallest request and
     * response) and a bare Publish (a short message, no attributes): one round trip each.
     * Returns {GetItem total, Publish total, GetItem wire, Publish wire} in ms.
     */
    private static double[] floor(DynamoDbClient dynamo, SnsClient sns, LocalAws.Resources resources, String envelope) {
        CallTimer.drain();
        long t0 = System.nanoTime();
        dynamo.getItem(b -> b.tableName(resources.table()).consistentRead(true).key(Map.of(
                AuditTableSchema.PK, AttributeValue.fromS("BENCH#floor"), AuditTableSchema.SK, AttributeValue.fromS("FLOOR"))));
        long t1 = System.nanoTime();
        sns.publish(b -> b.topicArn(resources.topicArn()).message("floor"));
        long t2 = System.nanoTime();
        List<CallTimer.Call> calls = CallTimer.drain();
        double getWire = calls.size() == 2 ? calls.get(0).wireNanos() / 1e6 : Double.NaN;
        double publishWire = calls.size() == 2 ? calls.get(1).wireNanos() / 1e6 : Double.NaN;
        return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, getWire, publishWire};
    }

    private static void expectAlerted(List<ProcessedEvent> processed, int index) {
        if (processed.size() != 1 || processed.getFirst().outcome() != Outcome.ALERTED) {
            throw new IllegalStateException("event " + index + " was not alerted: " + processed);
        }
    }

    private static void print(int events, double seconds, double[] total, double[] wire, double[] sdk, double[] own,
                              double[] getFloor, double[] publishFloor, double[] pairFloor, double[] getFloorWire,
                              double[] publishFloorWire, int[] callCount, Map<String, Integer> operations) {
        System.out.println();
        System.out.printf(Locale.ROOT, "Warm per-event latency: %d distinct root events, one at a time, %.1f s (%.0f events/s incl. the floor probes)%n",
                events, seconds, events / seconds);
        System.out.printf(Locale.ROOT, "%-46s %8s %8s %8s %8s %8s %8s%n", "ms per event", "p50", "p90", "p99", "max", "mean", "min");
        row("detector: EventProcessor.process (whole event)", total);
        row("  on the wire (moto_server + loopback HTTP)", wire);
        row("  SDK client side (marshal, sign, unmarshal)", sdk);
        row("  rootwatch own code (parse, classify, render)", own);
        row("  detector minus wire (what is not moto's)", minus(total, wire));
        row("floor: bare DynamoDB GetItem (empty key)", getFloor);
        row("  of which on the wire", getFloorWire);
        row("floor: bare SNS Publish (short message)", publishFloor);
        row("  of which on the wire", publishFloorWire);
        row("floor: GetItem + Publish", pairFloor);
        System.out.printf(Locale.ROOT, "SDK calls per event: %s (%s)%n", distinct(callCount), perEvent(operations, events));
        double wireShare = sum(wire) / sum(total);
        double meanCalls = Arrays.stream(callCount).average().orElse(0);
        System.out.printf(Locale.ROOT, "moto_server's share: %.0f%% of the detector's time is on the wire (sum over events);"
                        + " %s calls x the median bare GetItem wire time (%.2f ms) = %.1f ms, vs %.1f ms measured median wire per event%n",
                100 * wireShare, distinct(callCount), percentile(getFloorWire, 50), meanCalls * percentile(getFloorWire, 50),
                percentile(wire, 50));
        System.out.println("drift (median per block of events, ms): " + blocks(total));
    }

    /** The wire times of one call of the sequence (an operation's n-th call within an event), over the events that made it. */
    private static final class Slot {
        private final List<Integer> events = new ArrayList<>();
        private final List<Double> wire = new ArrayList<>();
        private double positions;

        void add(int event, int position, double wireMs) {
            events.add(event);
            wire.add(wireMs);
            positions += position;
        }

        double meanPosition() {
            return positions / events.size();
        }

        /** Median per fifth of the run, over the events of that fifth that made this call. */
        String blocks(int total) {
            int blocks = Math.min(5, total);
            List<String> medians = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                int from = b * total / blocks;
                int to = (b + 1) * total / blocks;
                double[] values = java.util.stream.IntStream.range(0, events.size())
                        .filter(k -> events.get(k) >= from && events.get(k) < to).mapToDouble(wire::get).toArray();
                medians.add(values.length == 0 ? String.format(Locale.ROOT, "%d-%d: -", from + 1, to)
                        : String.format(Locale.ROOT, "%d-%d: %.2f", from + 1, to, percentile(values, 50)));
            }
            return String.join(", ", medians);
        }
    }

    /** Median wire time of each call of the sequence, per fifth of the run: a call that grows is the endpoint slowing down. */
    private static void printSlots(Map<String, Slot> slots, int events, double[] getFloorWire) {
        System.out.println("wire ms per call of the sequence (median per fifth of the run, over the events making the call; moto_server's time):");
        slots.entrySet().stream().sorted(java.util.Comparator.comparingDouble(e -> e.getValue().meanPosition()))
                .forEach(e -> System.out.printf(Locale.ROOT, "  %-24s %5s  %s%n", e.getKey(),
                        e.getValue().events.size() == events ? "" : e.getValue().events.size() + "x", e.getValue().blocks(events)));
        System.out.printf(Locale.ROOT, "  %-24s %5s  %s%n", "floor GetItem (empty key)", "", blocks(getFloorWire));
    }

    private static void row(String name, double[] values) {
        System.out.printf(Locale.ROOT, "%-46s %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f%n", name, percentile(values, 50), percentile(values, 90),
                percentile(values, 99), max(values), Arrays.stream(values).average().orElse(Double.NaN), Arrays.stream(values).min().orElse(Double.NaN));
    }

    private static String blocks(double[] values) {
        int blocks = Math.min(5, values.length);
        List<String> medians = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            int from = b * values.length / blocks;
            int to = (b + 1) * values.length / blocks;
            medians.add(String.format(Locale.ROOT, "%d-%d: %.2f", from + 1, to, percentile(Arrays.copyOfRange(values, from, to), 50)));
        }
        return String.join(", ", medians);
    }

    private static String distinct(int[] counts) {
        int min = Arrays.stream(counts).min().orElse(0);
        int max = Arrays.stream(counts).max().orElse(0);
        return min == max ? Integer.toString(min) : min + ".." + max;
    }

    private static String perEvent(Map<String, Integer> operations, int events) {
        List<String> parts = new ArrayList<>();
        operations.forEach((op, n) -> parts.add(n % events == 0 ? String.format(Locale.ROOT, "%s %d", op, n / events)
                : String.format(Locale.ROOT, "%s %d in %d events", op, n, events)));
        return String.join(", ", parts);
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static double sum(double[] values) {
        return Arrays.stream(values).sum();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** Nearest-rank percentile: p99 of 1,000 events is the 990th fastest. */
    static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        if (s.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    private static void writeRaw(Path file, double[] total, double[] wire, double[] sdk, double[] own, int[] calls,
                                 double[] getFloor, double[] publishFloor) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println("event\ttotal_ms\twire_ms\tsdk_ms\town_ms\tsdk_calls\tfloor_getitem_ms\tfloor_publish_ms");
            for (int i = 0; i < total.length; i++) {
                out.printf(Locale.ROOT, "%d\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%.3f\t%.3f%n", i + 1, total[i], wire[i], sdk[i], own[i], calls[i],
                        getFloor[i], publishFloor[i]);
            }
        }
    }
}
