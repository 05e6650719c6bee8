package io.rootwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Summarizes a JMH JSON result file ({@code -rf json}) of {@link ClassifierBenchmark}: events per
 * second and bytes allocated per event for each benchmark, and the share of parsing in
 * parse + classify. bench/run-classifier prints it after the run.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.rootwatch.bench.Summary RESULT.json [TARGET]}
 */
public final class Summary {
    /** Events per second on one core that parse + classify must reach. */
    public static final double DEFAULT_TARGET = 200_000;

    private record Figure(double score, double error, double min, double max, double bytesPerEvent) {
    }

    private Summary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Summary JMH-RESULT.json [TARGET-EVENTS-PER-SECOND]");
            System.exit(2);
        }
        double target = args.length > 1 ? Double.parseDouble(args[1]) : DEFAULT_TARGET;
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (JsonNode result : results) {
            String name = result.path("benchmark").asText();
            name = name.substring(name.lastIndexOf('.') + 1);
            JsonNode primary = result.path("primaryMetric");
            if (!primary.path("scoreUnit").asText().equals("ops/s")) {
                System.err.println("skipping " + name + ": unit " + primary.path("scoreUnit").asText() + ", not ops/s");
                continue;
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (JsonNode fork : primary.path("rawData")) {
                for (JsonNode iteration : fork) {
                    min = Math.min(min, iteration.asDouble());
                    max = Math.max(max, iteration.asDouble());
                }
            }
            JsonNode alloc = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
            figures.put(name, new Figure(primary.path("score").asDouble(), primary.path("scoreError").asDouble(),
                    min, max, alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble()));
        }

        System.out.println("Summary (one op = one event; error = JMH 99.9% confidence half-width; min..max over iterations)");
        System.out.printf(Locale.ROOT, "%-24s %12s %18s %25s %12s%n", "benchmark", "events/s", "error", "min..max", "B/event");
        figures.forEach((name, f) -> System.out.printf(Locale.ROOT, "%-24s %,12.0f %18s %25s %,12.0f%n",
                name, f.score(), error(f), String.format(Locale.ROOT, "%,.0f..%,.0f", f.min(), f.max()), f.bytesPerEvent()));

        Figure full = figures.get("parseAndClassify");
        Figure parse = figures.get("parseOnly");
        Figure classify = figures.get("classifyOnly");
        if (full != null && parse != null) {
            double share = full.score() / parse.score();
            System.out.printf(Locale.ROOT, "parseAndClassify/parseOnly = %.2f: parsing is about %.0f%% of the time per event%n",
                    share, 100 * share);
        }
        if (full != null && classify != null) {
            System.out.printf(Locale.ROOT, "parseAndClassify/classifyOnly = %.2f: unwrap + classify is about %.0f%% of the time per event%n",
                    full.score() / classify.score(), 100 * full.score() / classify.score());
        }
        if (full != null) {
            System.out.printf(Locale.ROOT, "target: parseAndClassify >= %,.0f events/s on one core: %s (%,.0f events/s, %.0f%% of the target)%n",
                    target, full.score() >= target ? "MET" : "NOT MET", full.score(), 100 * full.score() / target);
        }
    }

    private static String error(Figure f) {
        if (Double.isNaN(f.error())) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "± %,.0f (%.1f%%)", f.error(), 100 * f.error() / f.score());
    }
}
