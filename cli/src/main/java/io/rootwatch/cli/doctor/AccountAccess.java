package io.rootwatch.cli.doctor;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import java.util.Optional;

/**
 * How the checks reach one account: the caller's own credentials, or a role assumed in it
 * ({@code roleArn}, which a printed command needs to act there too), or not at all (then
 * {@code credentials} is empty and {@code unreachable} says why).
 */
public record AccountAccess(String accountId, Optional<AwsCredentialsProvider> credentials, Optional<String> roleArn, String unreachable) {
    /** The caller's own account, with the caller's credentials. */
    public static AccountAccess reachable(String accountId, AwsCredentialsProvider credentials) {
        return new AccountAccess(accountId, Optional.of(credentials), Optional.empty(), "");
    }

    /** Another account, through a role assumed in it. */
    public static AccountAccess assumed(String accountId, AwsCredentialsProvider credentials, String roleArn) {
        return new AccountAccess(accountId, Optional.of(credentials), Optional.of(roleArn), "");
    }

    public static AccountAccess unreachable(String accountId, String why) {
        return new AccountAccess(accountId, Optional.empty(), Optional.empty(), why);
    }
}
