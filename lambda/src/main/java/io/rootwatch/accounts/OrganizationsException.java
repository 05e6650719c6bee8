package io.rootwatch.accounts;

/**
 * An Organizations call that gave no usable answer: refused by the service (then {@link #errorType()}
 * names why, e.g. {@code AccessDeniedException}), or no answer at all (then it is empty and the
 * cause is the I/O error).
 */
public final class OrganizationsException extends Exception {
    private final String errorType;

    /** A refusal by the service, of this type (e.g. AccessDeniedException). */
    public OrganizationsException(String errorType, String message) {
        this(errorType, message, null);
    }

    OrganizationsException(String errorType, String message, Throwable cause) {
        super(message, cause);
        this.errorType = errorType;
    }

    /** The service's error type without namespace; empty when the service did not answer. */
    public String errorType() {
        return errorType;
    }

    /** The caller may not make the call: not the management account or a delegated administrator, or no IAM permission. */
    public boolean accessDenied() {
        return errorType.equals("AccessDeniedException");
    }

    /** The caller's account is not in an organization. */
    public boolean notInUse() {
        return errorType.equals("AWSOrganizationsNotInUseException");
    }
}
