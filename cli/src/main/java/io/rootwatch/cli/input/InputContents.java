package io.rootwatch.cli.input;

import java.util.List;

/** What an input held: the JSON values that could be read, and a problem for each part that could not. */
public record InputContents(List<Document> documents, List<Problem> problems) {
    public InputContents {
        documents = List.copyOf(documents);
        problems = List.copyOf(problems);
    }

    static InputContents failed(Problem problem) {
        return new InputContents(List.of(), List.of(problem));
    }
}
