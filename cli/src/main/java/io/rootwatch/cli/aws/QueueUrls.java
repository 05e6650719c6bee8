package io.rootwatch.cli.aws;

import software.amazon.awssdk.regions.Region;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an SQS queue URL says about where the queue is. A queue can only be reached through a
 * client of its own region, so a command given queues in several regions takes each one's region
 * from its URL rather than from {@code --region}.
 */
public final class QueueUrls {
    /**
     * {@code https://sqs.<region>.amazonaws.com/...} (also {@code sqs-fips.}, {@code .amazonaws.com.cn},
     * {@code .api.aws}) and the legacy {@code https://<region>.queue.amazonaws.com/...}.
     */
    private static final Pattern REGIONAL = Pattern.compile(
            "https://(?:sqs(?:-fips)?\\.([a-z0-9-]+)\\.(?:amazonaws\\.com(?:\\.cn)?|api\\.aws)|([a-z0-9-]+)\\.queue\\.amazonaws\\.com(?:\\.cn)?)/.*");
    /** The oldest form, {@code https://queue.amazonaws.com/...}, names no region: it is us-east-1's. */
    private static final String LEGACY_US_EAST_1 = "https://queue.amazonaws.com/";

    private QueueUrls() {
    }

    /** The region the URL names; empty for an emulator's URL ({@code http://127.0.0.1:4566/...}), which names none. */
    public static Optional<Region> region(String queueUrl) {
        if (queueUrl.startsWith(LEGACY_US_EAST_1)) {
            return Optional.of(Region.US_EAST_1);
        }
        Matcher matcher = REGIONAL.matcher(queueUrl);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(Region.of(matcher.group(1) != null ? matcher.group(1) : matcher.group(2)));
    }
}
