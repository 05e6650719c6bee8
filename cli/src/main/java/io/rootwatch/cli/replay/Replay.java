package io.rootwatch.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.alert.Headline;
import io.rootwatch.cli.input.Document;
import io.rootwatch.cli.input.Input;
import io.rootwatch.cli.input.InputContents;
import io.rootwatch.cli.input.InputReader;
import io.rootwatch.cli.input.InputSelection;
import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.EventUnwrapper;
import io.rootwatch.detect.InputEvent;
import io.rootwatch.detect.RootActivityClassifier;
import io.rootwatch.detect.Verdict;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs a directory of sample EventBridge events through what production runs, with no AWS account:
 * the event pattern the stack deploys, then the classifier. It flags every event on which the two
 * disagree, and every verdict that differs from the directory's expected.tsv.
 */
public final class Replay {
    private final RootActivityRule rule = new RootActivityRule();
    private final RootActivityClassifier classifier = RootActivityClassifier.withBundledCatalog();
    private final InputReader reader = new InputReader(InputStream.nullInputStream());

    public ReplayReport run(Path directory) {
        InputSelection.Selected samples = InputSelection.inDirectory(directory);
        Optional<ExpectedVerdicts> expected = ExpectedVerdicts.in(directory);
        List<String> flags = new ArrayList<>();
        samples.problems().forEach(problem -> flags.add(problem.describe()));
        expected.ifPresent(e -> flags.addAll(e.problems()));
        if (samples.inputs().isEmpty() && samples.problems().isEmpty()) {
            flags.add(directory + ": no sample files (*.json, *.jsonl, *.ndjson, *.gz) in it");
        }
        List<ReplayedEvent> events = new ArrayList<>();
        for (Input input : samples.inputs()) {
            events.addAll(replaySample(directory, input, expected, flags));
        }
        expected.ifPresent(e -> flagLinesWithoutSample(directory, samples.inputs(), e, flags));
        return new ReplayReport(directory.toString(), samples.inputs().size(), events, flags, expected.isPresent());
    }

    private List<ReplayedEvent> replaySample(Path directory, Input input, Optional<ExpectedVerdicts> expected, List<String> flags) {
        String sample = sampleName(directory, input);
        Optional<ExpectedVerdict> expectedVerdict = expected.flatMap(e -> e.forFile(sample));
        if (expected.isPresent() && expectedVerdict.isEmpty()) {
            flags.add(input.name() + ": no line for " + sample + " in " + ExpectedVerdicts.FILE_NAME);
        }
        List<Replayed> replayed = replayFile(input, flags);
        List<ReplayedEvent> events = new ArrayList<>();
        for (int i = 0; i < replayed.size(); i++) {
            Replayed event = replayed.get(i);
            String ordinal = replayed.size() == 1 ? "" : " #" + (i + 1);
            List<String> eventFlags = new ArrayList<>(patternDisagreement(event));
            Optional<List<String>> differences = expectedVerdict.map(e -> e.differences(event.verdict()));
            differences.filter(d -> !d.isEmpty()).ifPresent(d -> eventFlags.add("not as " + ExpectedVerdicts.FILE_NAME
                    + " line " + expectedVerdict.orElseThrow().line() + " says: " + String.join("; ", d)));
            events.add(new ReplayedEvent(sample + ordinal, event.rule(), event.verdict(), Headline.of(event.record(), event.verdict()),
                    differences.map(List::isEmpty), eventFlags));
            eventFlags.forEach(flag -> flags.add(input.name() + ordinal + ": " + flag));
        }
        return events;
    }

    private static void flagLinesWithoutSample(Path directory, List<Input> samples, ExpectedVerdicts expected, List<String> flags) {
        Set<String> sampleNames = samples.stream().map(input -> sampleName(directory, input)).collect(Collectors.toSet());
        expected.all().stream()
                .filter(line -> !sampleNames.contains(line.file()))
                .forEach(line -> flags.add(directory.resolve(ExpectedVerdicts.FILE_NAME) + ":" + line.line() + ": names "
                        + line.file() + ", which is not a sample file in " + directory));
    }

    private record Replayed(CloudTrailRecord record, RuleOutcome rule, Verdict verdict) {
    }

    private List<Replayed> replayFile(Input input, List<String> flags) {
        InputContents contents = reader.read(input);
        contents.problems().forEach(problem -> flags.add(problem.describe()));
        List<Replayed> replayed = new ArrayList<>();
        for (Document document : contents.documents()) {
            EventUnwrapper.Unwrapped unwrapped = EventUnwrapper.unwrap(document.json());
            unwrapped.problems().forEach(problem -> flags.add(document.problem(problem).describe()));
            for (InputEvent event : unwrapped.events()) {
                RuleOutcome outcome = envelopeOf(document.json(), event)
                        .map(envelope -> rule.matches(envelope) ? RuleOutcome.MATCHED : RuleOutcome.NOT_MATCHED)
                        .orElse(RuleOutcome.NO_ENVELOPE);
                replayed.add(new Replayed(event.record(), outcome, classifier.classify(event.record())));
            }
        }
        return replayed;
    }

    /**
     * The EventBridge event, as JSON, that carried this record: the rule must see the envelope,
     * which InputEvent keeps only in parsed form. An envelope is always the document itself or one
     * element of it, and its {@code detail} is the very node the record wraps.
     */
    private static Optional<JsonNode> envelopeOf(JsonNode document, InputEvent event) {
        if (event.envelope().isEmpty()) {
            return Optional.empty();
        }
        Stream<JsonNode> candidates = document.isArray()
                ? StreamSupport.stream(document.spliterator(), false) : Stream.of(document);
        return candidates.filter(candidate -> candidate.get("detail") == event.record().json()).findFirst();
    }

    private static List<String> patternDisagreement(Replayed event) {
        String category = event.verdict().category().name();
        boolean root = event.verdict().isRootActivity();
        return switch (event.rule()) {
            case MATCHED -> root ? List.of() : List.of("classified " + category
                    + ", but the EventBridge pattern matches it: the deployed rule would deliver an event that is not root activity");
            case NOT_MATCHED -> root ? List.of("classified " + category
                    + ", but the EventBridge pattern does not match it: the deployed rule would never deliver it") : List.of();
            case NO_ENVELOPE -> root ? List.of("classified " + category
                    + ", but it is a bare CloudTrail record, not an EventBridge event: no rule can deliver it") : List.of();
        };
    }

    private static String sampleName(Path directory, Input input) {
        return switch (input) {
            case Input.FromFile file -> directory.relativize(file.path()).toString().replace(File.separatorChar, '/');
            case Input.FromStdin stdin -> stdin.name();
        };
    }
}
