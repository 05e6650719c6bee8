package io.rootwatch.accounts;

import java.time.Instant;
import java.util.Objects;

/**
 * Why a name lookup in AWS Organizations gave no name, for the log. The detail may quote AWS's
 * error message; it is cleaned of control characters and kept short, but is still not for alerts.
 *
 * @param accountId the id asked about (cleaned and shortened when it was not an account id)
 * @param reason    what went wrong
 * @param detail    the error AWS or the network gave, for a person to read
 * @param at        when the lookup failed
 */
public record LookupFailure(String accountId, Reason reason, String detail, Instant at) {
    /** What went wrong, and whether asking again soon could help. */
    public enum Reason {
        /** Not 12 digits: nothing was asked. */
        INVALID_ACCOUNT_ID(true),
        /** AccountNotFoundException: not an account of this organization. */
        NOT_FOUND(true),
        /** AccessDeniedException: the role may not call organizations:DescribeAccount (or is not the management or a delegated administrator account). */
        ACCESS_DENIED(true),
        /** AWSOrganizationsNotInUseException: the account is in no organization. */
        NOT_IN_USE(true),
        /** TooManyRequestsException (or ThrottlingException). */
        THROTTLED(false),
        /** No complete answer within the lookup's time limit. */
        TIMEOUT(false),
        /** No connection: refused, unknown host, reset. */
        UNREACHABLE(false),
        /** The credentials provider gave no credentials. */
        NO_CREDENTIALS(false),
        /** An answer that is not the documented DescribeAccount response. */
        MALFORMED_RESPONSE(false),
        /** Any other error: 5xx, an unexpected error type, a rejected signature. */
        SERVICE_ERROR(false);

        private final boolean lasting;

        Reason(boolean lasting) {
            this.lasting = lasting;
        }

        /** Whether the answer will likely stay the same for a while (cached longer) rather than pass (retried soon). */
        public boolean lasting() {
            return lasting;
        }
    }

    public LookupFailure {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String toString() {
        return "organizations:DescribeAccount for " + accountId + " gave no name: " + reason + " (" + detail + ")";
    }
}
