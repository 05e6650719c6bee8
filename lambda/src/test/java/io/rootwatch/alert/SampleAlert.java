package io.rootwatch.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.detect.AssumedRootSession;
import io.rootwatch.detect.BreakGlassWindow;
import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.EventUnwrapper;
import io.rootwatch.detect.InputEvent;
import io.rootwatch.detect.KnownRootSessions;
import io.rootwatch.detect.RootActivityClassifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An alert built from a sample of events-samples/, classified as the detector classifies it, in
 * a context the test chooses (account name, planned window, session, burst, missing fields).
 * Unset context is the plainest: no name, no window, a session of its own, nothing else.
 */
final class SampleAlert {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final RootActivityClassifier CLASSIFIER = RootActivityClassifier.withBundledCatalog();

    private final ObjectNode envelope;
    private Optional<String> eventId = Optional.empty();
    private Optional<String> accountName = Optional.empty();
    private Optional<BreakGlassWindow> plannedWindow = Optional.empty();
    private Optional<String> sessionKey = Optional.empty();
    private int recordedSinceLastAlert;
    private Optional<Alert.SignInFailureBurst> failureBurst = Optional.empty();
    private List<String> missingFields = List.of();
    private KnownRootSessions knownSessions = KnownRootSessions.NONE;

    private SampleAlert(ObjectNode envelope) {
        this.envelope = envelope;
    }

    static SampleAlert of(String sampleFile) {
        return new SampleAlert((ObjectNode) read(sampleFile));
    }

    /** The samples directory: the build passes it as rootwatch.samples. */
    static Path samples() {
        return Path.of(System.getProperty("rootwatch.samples", "../events-samples"));
    }

    static List<String> sampleFiles() {
        try (Stream<Path> files = Files.list(samples())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes the CloudTrail record before it is classified. */
    SampleAlert record(Consumer<ObjectNode> change) {
        change.accept((ObjectNode) envelope.get("detail"));
        return this;
    }

    SampleAlert eventId(String id) {
        eventId = Optional.of(id);
        return this;
    }

    SampleAlert accountName(String name) {
        accountName = Optional.of(name);
        return this;
    }

    SampleAlert plannedWindow(BreakGlassWindow window) {
        plannedWindow = Optional.of(window);
        return this;
    }

    SampleAlert session(String key, int recordedSinceLastAlert) {
        this.sessionKey = Optional.of(key);
        this.recordedSinceLastAlert = recordedSinceLastAlert;
        return this;
    }

    SampleAlert failureBurst(Alert.SignInFailureBurst burst) {
        failureBurst = Optional.of(burst);
        return this;
    }

    SampleAlert missingFields(String... fields) {
        missingFields = List.of(fields);
        return this;
    }

    /** The centralized root session the AssumeRoot of that sample opened is known, as the detector would know it. */
    SampleAlert inSessionOpenedBy(String assumeRootSample) {
        AssumedRootSession session = AssumedRootSession.openedBy(CloudTrailRecord.of(read(assumeRootSample).get("detail")))
                .orElseThrow();
        knownSessions = key -> Optional.of(session).filter(s -> s.accessKeyId().equals(key));
        return this;
    }

    Alert build() {
        InputEvent event = EventUnwrapper.unwrap(envelope).events().getFirst();
        CloudTrailRecord record = event.record();
        String id = eventId.or(record::eventId).orElse("no-event-id");
        return new Alert(id, record, CLASSIFIER.classify(record, knownSessions), event.envelope(), accountName, plannedWindow,
                sessionKey.orElse(id), recordedSinceLastAlert, failureBurst, missingFields);
    }

    private static JsonNode read(String sampleFile) {
        try {
            return MAPPER.readTree(samples().resolve(sampleFile).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
