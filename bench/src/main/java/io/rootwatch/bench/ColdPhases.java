package io.rootwatch.bench;

import io.rootwatch.lambda.AwsClients;
import io.rootwatch.lambda.DetectorConfig;
import io.rootwatch.lambda.EventProcessor;
import io.rootwatch.lambda.ProcessedEvent;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a cold invocation's time goes: does what {@code LocalInvoke} does through
 * {@code RootwatchHandler} (configuration from the environment, credentials chain, the two SDK
 * clients as {@code AwsClients} builds them, the {@code EventProcessor}, one event), timing each
 * step, and every SDK call through {@link CallTimer}. Run by bench/run-lambda-cold in a fresh JVM
 * on the deployable jar plus bench/target/classes:
 * <pre>
 * java -Dbench.launchedAt=EPOCH_MICROS -cp LAMBDA_JAR:bench/target/classes io.rootwatch.bench.ColdPhases EVENT.json
 * </pre>
 * It prints one {@code PHASE name milliseconds} line per step (read by {@link ColdSummary}) and
 * {@code EXIT_AT epoch-micros} just before exiting, so the script can time the JVM's exit.
 * It leaves out the SQS batch wrapper and the telemetry log line of the handler, which cost little.
 *
 * <p>What-if knob, for trying a change before making it in the handler:
 * {@code -Dbench.credentials=env} uses {@code EnvironmentVariableCredentialsProvider} (Lambda puts
 * the function's credentials in the environment) instead of the default chain.
 */
public final class ColdPhases {
    private ColdPhases() {
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.nanoTime();
        long mainWallMicros = System.currentTimeMillis() * 1000;
        if (args.length != 1) {
            System.err.println("usage: ColdPhases EVENT.json");
            System.exit(2);
        }
        String launchedAt = System.getProperty("bench.launchedAt");
        if (launchedAt != null) {
            phase("jvm_start_to_main", (mainWallMicros - Long.parseLong(launchedAt)) / 1000.0);
        }

        Map<String, String> env = System.getenv();
        long t = System.nanoTime();
        DetectorConfig config = DetectorConfig.fromEnvironment(env);
        Region region = Region.of(env.get("AWS_REGION"));
        // What-if knob (-Dbench.credentials=env): the environment variables Lambda sets, instead of the whole default chain.
        AwsCredentialsProvider credentials = "env".equals(System.getProperty("bench.credentials"))
                ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
        t = phase("config_region_credentials", t);
        DynamoDbClient dynamo = AwsClients.dynamo(region, credentials, Optional.empty());
        t = phase("dynamodb_client_built", t);
        SnsClient sns = AwsClients.sns(region, credentials, Optional.empty());
        t = phase("sns_client_built", t);
        EventProcessor processor = new EventProcessor(config, dynamo, sns, Clock.systemUTC());
        t = phase("event_processor_built", t);
        String body = Files.readString(Path.of(args[0]));
        t = phase("event_file_read", t);

        long processStart = t;
        List<ProcessedEvent> processed = processor.process(body);
        long processEnd = System.nanoTime();
        List<CallTimer.Call> calls = CallTimer.drain();
        phase("process_event_total", (processEnd - processStart) / 1e6);
        long mainEnd = processEnd;

        double inCalls = 0;
        double wire = 0;
        for (int i = 0; i < calls.size(); i++) {
            CallTimer.Call call = calls.get(i);
            inCalls += call.totalNanos() / 1e6;
            wire += call.wireNanos() / 1e6;
            System.out.printf(Locale.ROOT, "CALL %d %s.%s start=+%.1f total=%.1f wire=%.1f%s%n", i + 1, call.service(),
                    call.operation(), (call.start() - processStart) / 1e6, call.totalNanos() / 1e6, call.wireNanos() / 1e6,
                    call.failed() ? " (failed: conditional check or error)" : "");
        }
        if (!calls.isEmpty()) {
            CallTimer.Call first = calls.getFirst();
            phase("  before_first_call(parse,classify)", (first.start() - processStart) / 1e6);
            phase("  first_call_total", first.totalNanos() / 1e6);
            phase("  first_call_wire", first.wireNanos() / 1e6);
            CallTimer.Call publish = calls.stream().filter(c -> "Publish".equals(c.operation())).findFirst().orElse(null);
            if (publish != null) {
                phase("  sns_publish_total", publish.totalNanos() / 1e6);
                phase("  sns_publish_wire", publish.wireNanos() / 1e6);
            }
            phase("  all_calls_total", inCalls);
            phase("  all_calls_wire", wire);
            phase("  outside_calls(rootwatch)", (processEnd - processStart) / 1e6 - inCalls);
            phase("  sdk_calls(count)", (double) calls.size());
        }
        phase("main_total", (mainEnd - mainAt) / 1e6);
        printPhases();
        boolean alerted = processed.stream().anyMatch(p -> p.outcome().name().equals("ALERTED"));
        System.out.println("OUTCOME " + processed.stream().map(p -> p.outcome().name()).toList());
        System.out.println("EXIT_AT " + System.currentTimeMillis() * 1000);
        System.out.flush();
        System.exit(alerted ? 0 : 1);
    }

    /** Phases are kept and printed at the end: printing costs class loading at first, which would land in a phase. */
    private static final List<String> NAMES = new ArrayList<>();
    private static final List<Double> MILLIS = new ArrayList<>();

    private static long phase(String name, long since) {
        long now = System.nanoTime();
        phase(name, (now - since) / 1e6);
        return now;
    }

    private static void phase(String name, double millis) {
        NAMES.add(name);
        MILLIS.add(millis);
    }

    private static void printPhases() {
        for (int i = 0; i < NAMES.size(); i++) {
            System.out.printf(Locale.ROOT, "PHASE %s %.2f%n", NAMES.get(i), MILLIS.get(i));
        }
    }
}
