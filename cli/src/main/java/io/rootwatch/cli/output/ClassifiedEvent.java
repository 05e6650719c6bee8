package io.rootwatch.cli.output;

import io.rootwatch.cli.input.Document;
import io.rootwatch.detect.InputEvent;
import io.rootwatch.detect.Verdict;

/** One event, the document it was read from, and what the classifier concluded. */
public record ClassifiedEvent(Document source, InputEvent event, Verdict verdict) {
}
