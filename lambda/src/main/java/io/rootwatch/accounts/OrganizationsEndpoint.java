package io.rootwatch.accounts;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Where AWS Organizations is called and the region its requests are signed for. Organizations is a
 * global service with one endpoint per partition (the aws partition's is in us-east-1), so the
 * caller's region chooses only the partition.
 *
 * @param uri           an absolute http(s) URL
 * @param signingRegion the region SigV4 signs for
 */
public record OrganizationsEndpoint(URI uri, String signingRegion) {
    /** The global endpoint of the aws partition, signed for us-east-1. */
    public static final OrganizationsEndpoint GLOBAL = new OrganizationsEndpoint(
            URI.create("https://organizations.us-east-1.amazonaws.com"), "us-east-1");
    static final OrganizationsEndpoint CHINA = new OrganizationsEndpoint(
            URI.create("https://organizations.cn-northwest-1.amazonaws.com.cn"), "cn-northwest-1");
    static final OrganizationsEndpoint GOV_CLOUD = new OrganizationsEndpoint(
            URI.create("https://organizations.us-gov-west-1.amazonaws.com"), "us-gov-west-1");

    static final String ENDPOINT_URL = "AWS_ENDPOINT_URL";
    static final String SERVICE_ENDPOINT_URL = "AWS_ENDPOINT_URL_ORGANIZATIONS";
    static final String IGNORE_ENDPOINT_URLS = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    public OrganizationsEndpoint {
        uri = httpUrl("endpoint", Objects.requireNonNull(uri, "uri").toString());
        Objects.requireNonNull(signingRegion, "signingRegion");
    }

    /** The endpoint of the partition {@code region} is in (the aws partition for an unknown or absent one). */
    public static OrganizationsEndpoint forRegion(String region) {
        if (region != null && region.startsWith("cn-")) {
            return CHINA;
        }
        if (region != null && region.startsWith("us-gov-")) {
            return GOV_CLOUD;
        }
        return GLOBAL;
    }

    /**
     * The endpoint as the SDK would choose it from these environment variables: {@code AWS_REGION}
     * (or {@code AWS_DEFAULT_REGION}) chooses the partition, and {@code AWS_ENDPOINT_URL_ORGANIZATIONS},
     * else {@code AWS_ENDPOINT_URL}, replaces its URL unless {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} is true.
     *
     * @throws IllegalArgumentException when an endpoint variable is not an absolute http(s) URL
     */
    public static OrganizationsEndpoint fromEnvironment(Map<String, String> env) {
        String region = nonBlank(env.get("AWS_REGION"));
        if (region == null) {
            region = nonBlank(env.get("AWS_DEFAULT_REGION"));
        }
        OrganizationsEndpoint partition = forRegion(region);
        if ("true".equalsIgnoreCase(nonBlank(env.get(IGNORE_ENDPOINT_URLS)))) {
            return partition;
        }
        for (String variable : new String[] {SERVICE_ENDPOINT_URL, ENDPOINT_URL}) {
            String value = nonBlank(env.get(variable));
            if (value != null) {
                return partition.at(httpUrl(variable, value));
            }
        }
        return partition;
    }

    /** Another URL (an emulator, a VPC endpoint), signed for the same region. */
    public OrganizationsEndpoint at(URI other) {
        return new OrganizationsEndpoint(other, signingRegion);
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static URI httpUrl(String source, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " must be an http(s) URL, got: " + value, e);
        }
        if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException(source + " must be an http(s) URL, got: " + value);
        }
        return uri;
    }
}
