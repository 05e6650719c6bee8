package io.rootwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bench/run-lambda-cold's summary. Reads the runs (one line per process: {@code variant round
 * wall_ms peak_rss_kb user_s sys_s exit_code [busy]}), optionally the phase lines of the ColdPhases probe
 * ({@code variant PHASE name ms}), and prints per variant the wall time (median, p90, min, max),
 * the peak RSS (median, max), the CPU time, the ratio to the default, then the budgets. An optional
 * eighth column, 1 when another build overlapped the run, is counted in the "busy" column.
 * <pre>
 * ColdSummary RUNS.tsv [--phases PHASES.txt] [--jar FILE] [--reference VARIANT] [--floor VARIANT]
 * </pre>
 * Percentiles are nearest-rank: p90 of 15 runs is the 14th fastest.
 */
public final class ColdSummary {
    /** Budgets of the detector Lambda. */
    public static final long JAR_BUDGET_BYTES = 10L * 1024 * 1024;
    public static final double COLD_MEDIAN_BUDGET_MS = 1200;
    public static final double RSS_BUDGET_MIB = 160;

    private record Run(double wallMs, double rssMib, double cpuS, int exit, boolean busy) {
    }

    private ColdSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ColdSummary RUNS.tsv [--phases PHASES.txt] [--jar FILE] [--reference VARIANT] [--floor VARIANT]");
            System.exit(2);
        }
        Path phasesFile = null;
        Path jar = null;
        String reference = "default";
        String floor = "jvm-floor";
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--phases" -> phasesFile = Path.of(args[i + 1]);
                case "--jar" -> jar = Path.of(args[i + 1]);
                case "--reference" -> reference = args[i + 1];
                case "--floor" -> floor = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }

        report(Path.of(args[0]), phasesFile, jar, reference, floor);
    }

    private static void report(Path runsFile, Path phasesFile, Path jar, String reference, String floor) throws IOException {
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(runsFile)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            runs.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Run(Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]) / 1024, Double.parseDouble(f[4]) + Double.parseDouble(f[5]), Integer.parseInt(f[6]),
                    f.length > 7 && f[7].equals("1")));
        }
        double referenceMedian = runs.containsKey(reference) ? median(wall(runs.get(reference))) : Double.NaN;
        double floorMedian = runs.containsKey(floor) ? median(wall(runs.get(floor))) : Double.NaN;

        System.out.println("Cold invocation, whole process (wall: launch to exit, ms; peak RSS: MiB; CPU: user+sys s;"
                + " p90 nearest-rank)");
        System.out.printf(Locale.ROOT, "%-14s %3s %8s %8s %8s %8s %9s %9s %8s %8s %10s %5s %4s%n", "variant", "n", "median", "p90", "min",
                "max", "RSS med", "RSS max", "CPU med", "x " + reference, "- floor", "fails", "busy");
        runs.forEach((name, list) -> {
            double[] w = wall(list);
            double[] rss = list.stream().mapToDouble(Run::rssMib).toArray();
            double[] cpu = list.stream().mapToDouble(Run::cpuS).toArray();
            long fails = list.stream().filter(r -> r.exit() != 0).count();
            long busy = list.stream().filter(Run::busy).count();
            double med = median(w);
            System.out.printf(Locale.ROOT, "%-14s %3d %8.0f %8.0f %8.0f %8.0f %9.1f %9.1f %8.2f %8.2f %10s %5d %4d%n", name, w.length, med,
                    percentile(w, 90), min(w), max(w), median(rss), max(rss), median(cpu), med / referenceMedian,
                    Double.isNaN(floorMedian) || name.equals(floor) ? "" : String.format(Locale.ROOT, "%+.0f", med - floorMedian), fails, busy);
        });

        if (phasesFile != null && Files.exists(phasesFile)) {
            printPhases(phasesFile);
        }

        System.out.println();
        System.out.println("Budgets");
        if (jar != null) {
            long size = Files.size(jar);
            System.out.printf(Locale.ROOT, "  %s  deployable jar < 10 MiB: %,d bytes (%.2f MiB, %.0f%% of the budget)%n",
                    verdict(size < JAR_BUDGET_BYTES), size, size / 1048576.0, 100.0 * size / JAR_BUDGET_BYTES);
        }
        List<Run> ref = runs.get(reference);
        if (ref != null) {
            double med = median(wall(ref));
            System.out.printf(Locale.ROOT, "  %s  cold invocation median < %.1f s with %s flags: %.3f s%n",
                    verdict(med < COLD_MEDIAN_BUDGET_MS), COLD_MEDIAN_BUDGET_MS / 1000, reference, med / 1000);
            double maxRss = max(ref.stream().mapToDouble(Run::rssMib).toArray());
            System.out.printf(Locale.ROOT, "  %s  peak RSS < %.0f MiB (%s flags, worst of %d runs): %.1f MiB%n",
                    verdict(maxRss < RSS_BUDGET_MIB), RSS_BUDGET_MIB, reference, ref.size(), maxRss);
            runs.forEach((name, list) -> {
                if (!name.equals(reference) && !name.equals(floor) && !name.startsWith("python")) {
                    double m = median(wall(list));
                    double r = max(list.stream().mapToDouble(Run::rssMib).toArray());
                    System.out.printf(Locale.ROOT, "        (%s: median %.3f s %s, peak RSS %.1f MiB %s)%n", name, m / 1000,
                            m < COLD_MEDIAN_BUDGET_MS ? "within" : "OVER", r, r < RSS_BUDGET_MIB ? "within" : "OVER");
                }
            });
        }
        long failed = runs.values().stream().flatMap(List::stream).filter(r -> r.exit() != 0).count();
        if (failed > 0) {
            System.out.println("  WARNING: " + failed + " run(s) exited non-zero; their times are in the table but did not do the work");
        }
    }

    /** Median of each probe phase, one column per probe variant. */
    private static void printPhases(Path file) throws IOException {
        Map<String, Map<String, List<Double>>> byPhase = new LinkedHashMap<>();
        List<String> variants = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 4 || !f[1].equals("PHASE")) {
                continue;
            }
            if (!variants.contains(f[0])) {
                variants.add(f[0]);
            }
            byPhase.computeIfAbsent(f[2], k -> new LinkedHashMap<>()).computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(Double.parseDouble(f[3]));
        }
        if (byPhase.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Where the time goes (ColdPhases probe: medians in ms; indented lines are parts of process_event_total)");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-38s", "phase"));
        variants.forEach(v -> header.append(String.format(Locale.ROOT, " %14s", v)));
        System.out.println(header);
        byPhase.forEach((phase, values) -> {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-38s", phase.replace('_', ' ')));
            for (String v : variants) {
                List<Double> list = values.get(v);
                row.append(list == null ? String.format(Locale.ROOT, " %14s", "-")
                        : String.format(Locale.ROOT, " %14.1f", median(list.stream().mapToDouble(Double::doubleValue).toArray())));
            }
            System.out.println(row);
        });
    }

    private static String verdict(boolean pass) {
        return pass ? "PASS" : "FAIL";
    }

    private static double[] wall(List<Run> list) {
        return list.stream().mapToDouble(Run::wallMs).toArray();
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        if (s.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
