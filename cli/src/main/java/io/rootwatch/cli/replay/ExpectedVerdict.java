package io.rootwatch.cli.replay;

import io.rootwatch.detect.Category;
import io.rootwatch.detect.Severity;
import io.rootwatch.detect.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A line of expected.tsv: the verdict a sample file should get, and where that line is. */
record ExpectedVerdict(int line, String file, Category category, Optional<String> taskId, Severity severity) {

    /** Each way the actual verdict differs, in words; empty when it is as expected. */
    List<String> differences(Verdict actual) {
        List<String> differences = new ArrayList<>();
        if (actual.category() != category) {
            differences.add("category " + actual.category() + ", expected " + category);
        }
        if (!actual.taskId().equals(taskId)) {
            differences.add("task " + actual.taskId().orElse("-") + ", expected " + taskId.orElse("-"));
        }
        if (actual.severity() != severity) {
            differences.add("severity " + actual.severity() + ", expected " + severity);
        }
        return differences;
    }
}
