package io.rootwatch.bench;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.ArrayList;
import java.util.List;

/**
 * Times every AWS SDK call made by any client in the JVM, so a benchmark can tell the endpoint's
 * time from the detector's: registered as an SDK <em>global</em> interceptor
 * (bench/src/main/resources/software/amazon/awssdk/global/handlers/execution.interceptors), so
 * that the clients are built exactly as production builds them ({@code AwsClients}) and still
 * timed. It only exists on the benchmarks' classpath, never in the deployable jar.
 *
 * <p>For each call it records the operation, when it started and ended ({@code beforeExecution}
 * to {@code afterExecution}/{@code onExecutionFailure}: the whole SDK call) and its time on the
 * wire ({@code beforeTransmission} to {@code afterTransmission}, summed over retries: the HTTP
 * request written, the endpoint's work and the response headers read; with moto_server on
 * loopback, essentially moto's time). Calls are appended to a list the benchmark drains with
 * {@link #drain()}; single-threaded use only, as the detector is.
 */
public final class CallTimer implements ExecutionInterceptor {
    /** One SDK call; times are {@link System#nanoTime()} values. */
    public record Call(String service, String operation, long start, long end, long wireNanos, boolean failed) {
        public long totalNanos() {
            return end - start;
        }
    }

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("rootwatch.bench.started");
    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("rootwatch.bench.sent");
    private static final ExecutionAttribute<Long> WIRE = new ExecutionAttribute<>("rootwatch.bench.wire");

    private static final List<Call> CALLS = new ArrayList<>();

    /** The calls completed since the last drain, oldest first. */
    public static synchronized List<Call> drain() {
        List<Call> calls = List.copyOf(CALLS);
        CALLS.clear();
        return calls;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
        attributes.putAttribute(WIRE, 0L);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Long sent = attributes.getAttribute(SENT);
        if (sent != null && sent >= 0) {
            attributes.putAttribute(WIRE, attributes.getAttribute(WIRE) + System.nanoTime() - sent);
            attributes.putAttribute(SENT, -1L);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes, false);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(attributes, true);
    }

    private static void record(ExecutionAttributes attributes, boolean failed) {
        long end = System.nanoTime();
        Long start = attributes.getAttribute(STARTED);
        Long wire = attributes.getAttribute(WIRE);
        Long pending = attributes.getAttribute(SENT);
        long wireNanos = (wire == null ? 0 : wire) + (pending == null || pending < 0 ? 0 : end - pending);
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        synchronized (CallTimer.class) {
            CALLS.add(new Call(service, operation, start == null ? end : start, end, wireNanos, failed));
        }
    }
}
