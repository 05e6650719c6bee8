package io.rootwatch.cli.athena;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a trail delivers its log files: its bucket and S3 key prefix, as the trail is configured,
 * and the organization id for an organization trail. CloudTrail writes under
 * {@code [prefix/]AWSLogs/[o-id/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/}.
 */
public record TrailLocation(String bucket, List<String> prefix, Optional<String> organizationId) {
    private static final String AWS_LOGS = "AWSLogs";

    public TrailLocation {
        SqlText.bucket(bucket);
        prefix = List.copyOf(prefix);
        prefix.forEach(SqlText::keySegment);
        organizationId.ifPresent(SqlText::organizationId);
    }

    /**
     * Reads {@code s3://bucket[/prefix]}. A location that already ends in {@code AWSLogs} (or in
     * {@code AWSLogs/o-...} for an organization trail) is taken as the trail's log root.
     */
    public static TrailLocation parse(String s3Url, Optional<String> organizationId) {
        List<String> parts = new ArrayList<>(SqlText.s3Segments("the trail location", s3Url));
        String bucket = parts.removeFirst();
        Optional<String> organization = organizationId;
        if (!parts.isEmpty() && parts.getLast().startsWith("o-") && parts.size() >= 2
                && parts.get(parts.size() - 2).equals(AWS_LOGS)) {
            String fromUrl = parts.removeLast();
            if (organization.filter(id -> !id.equals(fromUrl)).isPresent()) {
                throw new IllegalArgumentException("the trail location names organization " + fromUrl
                        + " but --organization-id is " + organization.get());
            }
            organization = Optional.of(fromUrl);
        }
        if (!parts.isEmpty() && parts.getLast().equals(AWS_LOGS)) {
            parts.removeLast();
        }
        return new TrailLocation(bucket, parts, organization);
    }

    /** The table's LOCATION: the folder that holds one folder per account. */
    String accountsRoot() {
        StringBuilder url = new StringBuilder("s3://").append(bucket).append('/');
        prefix.forEach(segment -> url.append(segment).append('/'));
        url.append(AWS_LOGS).append('/');
        organizationId.ifPresent(id -> url.append(id).append('/'));
        return url.toString();
    }

    /** The partition projection template: one folder per account, region and day. */
    String storageTemplate() {
        return accountsRoot() + "${account}/CloudTrail/${region}/${timestamp}";
    }
}
