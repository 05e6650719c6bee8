package io.rootwatch.cli.doctor;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The outcome of one check in one place.
 *
 * @param check  what was checked, e.g. {@code forwarder-rule}
 * @param scope  where: an account id, or {@code account/region}
 * @param detail what was found, or why it fails
 */
public record Finding(String check, String scope, Status status, String detail) {
    public static Finding pass(String check, String scope, String detail) {
        return new Finding(check, scope, Status.PASS, detail);
    }

    public static Finding warn(String check, String scope, String detail) {
        return new Finding(check, scope, Status.WARN, detail);
    }

    public static Finding fail(String check, String scope, String detail) {
        return new Finding(check, scope, Status.FAIL, detail);
    }

    /** A check that could not run (no permission, no such service, no network) fails: it proved nothing. */
    public static Finding couldNotCheck(String check, String scope, SdkException e) {
        return fail(check, scope, "could not check: " + reason(e));
    }

    /**
     * A visit that broke in a way no SDK error describes (a bug, an answer not understood) fails
     * its own place; the other places are still checked.
     */
    public static Finding crashed(String check, String scope, RuntimeException e) {
        return fail(check, scope, "could not check: " + reason(e));
    }

    static String reason(RuntimeException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return (code == null ? "" : code + ": ") + (message == null ? "" : message);
        }
        if (e instanceof SdkException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
