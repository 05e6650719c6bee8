package io.rootwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootwatch.detect.Category;
import io.rootwatch.detect.EventUnwrapper;
import io.rootwatch.detect.InputEvent;
import io.rootwatch.detect.RootActivityClassifier;
import io.rootwatch.detect.Verdict;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of rootwatch's detection core on one thread, one operation being one CloudTrail
 * event: the scores are events per second. The events are the samples of events-samples/
 * (EventBridge envelopes), replayed in turn so the mix of categories is theirs.
 *
 * <ul>
 *   <li>{@link #parseAndClassify}: the detector's per-event work, bytes to verdict
 *       ({@code readTree}, {@code EventUnwrapper.unwrap}, {@code classify});</li>
 *   <li>{@link #classifyOnly}: the same from an already parsed tree (unwrap and classify);</li>
 *   <li>{@link #parseOnly}: Jackson's {@code readTree} alone, the floor of any tree-based design;</li>
 *   <li>{@link #parseAndClassifyLogFile}: a CloudTrail log file of {@value #RECORDS_PER_LOG_FILE}
 *       records ({@code {"Records":[...]}}) per invocation, scored per record.</li>
 * </ul>
 *
 * Run it with bench/run-classifier, which adds {@code -prof gc} for the bytes allocated per event.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class ClassifierBenchmark {
    public static final int RECORDS_PER_LOG_FILE = 100;

    /** One mapper for every event, as the detector keeps one. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The samples folder. Left at its default, the system property {@value SampleEvents#PROPERTY}
     * may name another; either is resolved against the working directory.
     */
    @Param(SampleEvents.DEFAULT_DIR)
    public String samples;

    private final RootActivityClassifier classifier = RootActivityClassifier.withBundledCatalog();

    private byte[][] documents;
    private JsonNode[] parsed;
    private byte[] logFile;
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        SampleEvents events = SampleEvents.load(SampleEvents.resolve(samples), MAPPER);
        documents = events.documents().toArray(byte[][]::new);
        parsed = new JsonNode[documents.length];
        Map<Category, Integer> categories = new EnumMap<>(Category.class);
        for (int i = 0; i < documents.length; i++) {
            parsed[i] = MAPPER.readTree(documents[i]);
            for (InputEvent event : EventUnwrapper.unwrap(parsed[i]).events()) {
                categories.merge(classifier.classify(event.record()).category(), 1, Integer::sum);
            }
        }
        logFile = events.logFile(MAPPER, RECORDS_PER_LOG_FILE);
        int logFileEvents = EventUnwrapper.unwrap(MAPPER.readTree(logFile)).events().size();
        if (logFileEvents != RECORDS_PER_LOG_FILE) {
            throw new IllegalStateException("the log file holds " + logFileEvents + " events, not " + RECORDS_PER_LOG_FILE);
        }
        System.out.println(System.lineSeparator() + "rootwatch bench: " + events.describe());
        System.out.println("rootwatch bench: verdicts " + categories + "; log file of " + RECORDS_PER_LOG_FILE
                + " records, " + logFile.length + " bytes");
        next = 0;
    }

    /** The index of the next sample, in turn. */
    private int advance() {
        int i = next;
        next = i + 1 == documents.length ? 0 : i + 1;
        return i;
    }

    private void classifyAll(JsonNode document, Blackhole blackhole) {
        for (InputEvent event : EventUnwrapper.unwrap(document).events()) {
            Verdict verdict = classifier.classify(event.record());
            blackhole.consume(verdict);
        }
    }

    @Benchmark
    public void parseAndClassify(Blackhole blackhole) throws IOException {
        classifyAll(MAPPER.readTree(documents[advance()]), blackhole);
    }

    @Benchmark
    public void classifyOnly(Blackhole blackhole) {
        classifyAll(parsed[advance()], blackhole);
    }

    @Benchmark
    public JsonNode parseOnly() throws IOException {
        return MAPPER.readTree(documents[advance()]);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_LOG_FILE)
    public void parseAndClassifyLogFile(Blackhole blackhole) throws IOException {
        classifyAll(MAPPER.readTree(logFile), blackhole);
    }
}
