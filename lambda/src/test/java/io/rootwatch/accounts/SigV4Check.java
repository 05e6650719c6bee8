package io.rootwatch.accounts;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a SigV4 signature the way AWS does, from the request as it arrived over the wire, written
 * from the specification rather than with the SDK: moto_server does not check signatures, so a
 * header changed in transit (Host, Content-Length) or a wrong scope would otherwise go unnoticed.
 * Handles what a JSON-protocol POST to "/" needs: no query string, single-valued headers.
 */
final class SigV4Check {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");

    /** The parts of an Authorization header. */
    record Authorization(String accessKey, String date, String region, String service, List<String> signedHeaders,
                         String signature) {
        static Authorization of(String header) {
            Matcher m = AUTHORIZATION.matcher(header == null ? "" : header);
            if (!m.matches()) {
                throw new AssertionError("not a SigV4 Authorization header: " + header);
            }
            return new Authorization(m.group(1), m.group(2), m.group(3), m.group(4),
                    Arrays.asList(m.group(5).split(";")), m.group(6));
        }
    }

    private SigV4Check() {
    }

    /** Whether the request's signature is the one its secret key gives. */
    static boolean valid(OrganizationsProxy.Seen request, String secretKey) {
        Authorization auth = Authorization.of(request.header("authorization"));
        String canonicalHeaders = auth.signedHeaders().stream()
                .map(name -> name + ":" + request.header(name).strip().replaceAll(" +", " ") + "\n")
                .collect(Collectors.joining());
        String canonicalRequest = request.method() + "\n" + request.path() + "\n" + "\n" + canonicalHeaders + "\n"
                + String.join(";", auth.signedHeaders()) + "\n" + hex(sha256(request.body()));
        String amzDate = request.header("x-amz-date");
        String scope = auth.date() + "/" + auth.region() + "/" + auth.service() + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign)).equals(auth.signature());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
