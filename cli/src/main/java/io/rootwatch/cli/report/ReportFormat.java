package io.rootwatch.cli.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/** The formats of {@code rootwatch report}, spelled on the command line in lower case. */
public enum ReportFormat {
    MARKDOWN(MarkdownReport::render), HTML(HtmlReport::render);

    private final Function<AuditEvidence, String> renderer;

    ReportFormat(Function<AuditEvidence, String> renderer) {
        this.renderer = renderer;
    }

    public String render(AuditEvidence evidence) {
        return renderer.apply(evidence);
    }

    public static ReportFormat parse(String text) {
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(text.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a format: markdown or html"));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
