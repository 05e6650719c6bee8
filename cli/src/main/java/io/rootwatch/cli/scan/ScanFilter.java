package io.rootwatch.cli.scan;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which log files of a CloudTrail archive to read, decided from their keys alone: the account,
 * the region and the delivery day that the {@code AWSLogs/...} layout and CloudTrail's file names
 * carry. Whatever a key does not tell is admitted: pruning never drops a file it cannot name.
 *
 * @param since first delivery day (UTC) to read, inclusive
 * @param until last delivery day (UTC) to read, inclusive
 */
public record ScanFilter(Optional<LocalDate> since, Optional<LocalDate> until, Set<String> accounts, Set<String> regions) {
    private static final String LOGS_ROOT = "AWSLogs";
    private static final String CLOUDTRAIL = "CloudTrail";
    private static final DateTimeFormatter DAY_PATH = DateTimeFormatter.ofPattern("uuuu/MM/dd");
    private static final Pattern DAY = Pattern.compile("\\d{4}/\\d{2}/\\d{2}");
    private static final Pattern DATE_DIRS = Pattern.compile("\\d{4}(/\\d{2}(/\\d{2})?)?");
    /** {@code <account>_CloudTrail_<region>_<yyyymmdd>T<hhmm>Z_<random>.json.gz}, CloudTrail's own name for a log file. */
    private static final Pattern LOG_FILE = Pattern.compile(
            "(\\d{12})_CloudTrail_([a-z0-9-]+)_(\\d{4})(\\d{2})(\\d{2})T\\d{4}Z_[A-Za-z0-9]+\\.json(\\.gz)?");
    /** Digest, Insight and any other CloudTrail product delivered next to the logs: not events. */
    private static final Pattern OTHER_CLOUDTRAIL_FILE = Pattern.compile("\\d{12}_CloudTrail-[A-Za-z]+_.*");

    public ScanFilter {
        accounts = Set.copyOf(accounts);
        regions = Set.copyOf(regions);
    }

    public static ScanFilter everything() {
        return new ScanFilter(Optional.empty(), Optional.empty(), Set.of(), Set.of());
    }

    /**
     * Whether a directory (its path components from the top of the archive or bucket) can hold
     * log files to read: inside {@code AWSLogs/}, the account ({@code o-...} organization level
     * skipped), {@code CloudTrail} itself (not {@code CloudTrail-Digest} and the like), the region,
     * then year, month and day.
     */
    public boolean admitsDirectory(List<String> directories) {
        int logsRoot = directories.indexOf(LOGS_ROOT);
        if (logsRoot < 0) {
            return true;
        }
        List<String> layout = directories.subList(logsRoot + 1, directories.size());
        int at = !layout.isEmpty() && layout.getFirst().startsWith("o-") ? 1 : 0;
        if (layout.size() <= at) {
            return true;
        }
        if (!accounts.isEmpty() && !accounts.contains(layout.get(at))) {
            return false;
        }
        if (layout.size() <= at + 1) {
            return true;
        }
        if (!layout.get(at + 1).equals(CLOUDTRAIL)) {
            return false;
        }
        if (layout.size() <= at + 2) {
            return true;
        }
        if (!regions.isEmpty() && !regions.contains(layout.get(at + 2))) {
            return false;
        }
        List<String> date = layout.subList(at + 3, Math.min(layout.size(), at + 6));
        return date.isEmpty() || admitsDatePrefix(String.join("/", date));
    }

    /** Whether a file, by its name, is a log file to read: any JSON file but CloudTrail's other products. */
    public boolean admitsFile(String name) {
        Matcher log = LOG_FILE.matcher(name);
        if (log.matches()) {
            return (accounts.isEmpty() || accounts.contains(log.group(1)))
                    && (regions.isEmpty() || regions.contains(log.group(2)))
                    && admitsDatePrefix(log.group(3) + "/" + log.group(4) + "/" + log.group(5));
        }
        if (OTHER_CLOUDTRAIL_FILE.matcher(name).matches()) {
            return false;
        }
        return name.endsWith(".json.gz") || name.endsWith(".json");
    }

    /**
     * Where, below a region's directory, the first day to read starts ({@code 2025/01/15}): keys
     * sort by day there, so a listing may start just before it.
     */
    public Optional<String> firstDayPath() {
        return since.map(DAY_PATH::format);
    }

    /** Whether a complete {@code yyyy/mm/dd} day path lies after the last day to read. */
    public boolean isAfterLastDay(String dayPath) {
        return DAY.matcher(dayPath).matches() && until.map(DAY_PATH::format).filter(last -> dayPath.compareTo(last) > 0).isPresent();
    }

    /** Whether the layout level of the given directories is a region's, where day directories begin. */
    public static boolean isRegionDirectory(List<String> directories) {
        int logsRoot = directories.indexOf(LOGS_ROOT);
        if (logsRoot < 0) {
            return false;
        }
        List<String> layout = directories.subList(logsRoot + 1, directories.size());
        int at = !layout.isEmpty() && layout.getFirst().startsWith("o-") ? 1 : 0;
        return layout.size() == at + 3 && layout.get(at + 1).equals(CLOUDTRAIL);
    }

    /** Year, year/month or year/month/day: admitted when some day in it lies in the range; other names are not dates and pass. */
    private boolean admitsDatePrefix(String partial) {
        if (!DATE_DIRS.matcher(partial).matches()) {
            return true;
        }
        int length = partial.length();
        boolean afterStart = since.map(DAY_PATH::format).map(first -> partial.compareTo(first.substring(0, length)) >= 0).orElse(true);
        boolean beforeEnd = until.map(DAY_PATH::format).map(last -> partial.compareTo(last.substring(0, length)) <= 0).orElse(true);
        return afterStart && beforeEnd;
    }
}
