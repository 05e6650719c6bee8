package io.rootwatch.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.Abortable;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One AWS Organizations API call in the AWS JSON 1.1 protocol, signed with SigV4, over the SDK's
 * HTTP client: what the SDK's organizations module would do, for the few operations rootwatch
 * needs (that module is not available at the SDK version the project pins): account names
 * ({@link OrganizationsAccountNames}) and the list of accounts ({@link OrganizationAccounts}).
 *
 * <p>{@code POST /} with {@code X-Amz-Target: AWSOrganizationsV20161128.<Operation>}, a JSON body,
 * and an answer that is either the operation's JSON (2xx) or an error naming its type in the
 * {@code X-Amzn-ErrorType} header or the body's {@code __type}.
 */
final class OrganizationsJsonClient {
    static final String SIGNING_NAME = "organizations";
    static final String TARGET_PREFIX = "AWSOrganizationsV20161128.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    /**
     * The answers asked for are well under this (DescribeAccount under 1 KiB, a ListAccounts page of
     * 20 accounts about 6 KiB): anything longer is not one.
     */
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An answer from the service.
     *
     * @param status    the HTTP status
     * @param errorType the error's type without namespace (e.g. AccountNotFoundException); empty on success
     * @param message   the error's message; empty on success
     * @param body      the body as JSON, or null when it was empty or not JSON
     */
    record Reply(int status, String errorType, String message, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** The answer was too long to be what was asked for. */
    static final class OversizedResponse extends IOException {
        OversizedResponse() {
            super("response longer than " + MAX_RESPONSE_BYTES + " bytes");
        }
    }

    /** The credentials provider gave none. */
    static final class NoCredentials extends RuntimeException {
        NoCredentials(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final OrganizationsEndpoint endpoint;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    OrganizationsJsonClient(OrganizationsEndpoint endpoint, AwsCredentialsProvider credentials, SdkHttpClient http) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.http = Objects.requireNonNull(http, "http");
    }

    OrganizationsEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Calls an operation and reads its answer. {@code started} receives the request as it is
     * sent, so that another thread can abort it.
     *
     * @throws IOException when there is no answer (the connection failed, timed out or was aborted)
     *                     or the answer is too long
     */
    Reply call(String operation, JsonNode input, Consumer<Abortable> started) throws IOException {
        byte[] body = JSON.writeValueAsBytes(input);
        URI endpoint = this.endpoint.uri();
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .port(endpoint.getPort() == -1 ? null : endpoint.getPort())
                .encodedPath(path)
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("X-Amz-Target", TARGET_PREFIX + operation)
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("Accept", "application/json")
                .build();
        AwsCredentialsIdentity identity;
        try {
            identity = credentials.resolveCredentials();
        } catch (RuntimeException e) {
            throw new NoCredentials(e);
        }
        SignedRequest signed = signer.sign(sign -> sign
                .identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, this.endpoint.signingRegion()));
        ExecutableHttpRequest executable = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(ContentStreamProvider.fromByteArray(body)))
                .build());
        started.accept(executable);
        HttpExecuteResponse response = executable.call();
        byte[] bytes = read(response);
        int status = response.httpResponse().statusCode();
        JsonNode json = parse(bytes);
        if (status >= 200 && status < 300) {
            return new Reply(status, "", "", json);
        }
        String type = response.httpResponse().firstMatchingHeader("X-Amzn-ErrorType")
                .or(() -> text(json, "__type"))
                .or(() -> text(json, "code"))
                .map(OrganizationsJsonClient::shortType)
                .orElse("");
        String message = text(json, "Message").or(() -> text(json, "message")).orElse("");
        return new Reply(status, type, message, json);
    }

    private static byte[] read(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = response.responseBody().get()) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new OversizedResponse();
            }
            return bytes;
        }
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    private static java.util.Optional<String> text(JsonNode json, String field) {
        if (json == null || !json.isObject() || !json.path(field).isTextual()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(json.path(field).textValue());
    }

    /** "aws.organizations#AccessDeniedException" or "AccessDeniedException:http://internal..." to "AccessDeniedException". */
    static String shortType(String type) {
        String shortType = type;
        int colon = shortType.indexOf(':');
        if (colon >= 0) {
            shortType = shortType.substring(0, colon);
        }
        int hash = shortType.lastIndexOf('#');
        if (hash >= 0) {
            shortType = shortType.substring(hash + 1);
        }
        return shortType.strip();
    }
}
