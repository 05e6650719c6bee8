package io.rootwatch.cli.doctor;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import java.util.Optional;

/**
 * How the checks reach one account: the caller's own credentials, or a role assumed in it, or
 * not at all (then {@code credentials} is empty and {@code unreachable} says why).
 */
public record AccountAccess(String accountId, Optional<AwsCredentialsProvider> credentials, String unreachable) {
    public static AccountAccess reachable(String accountId, AwsCredentialsProvider credentials) {
        return new AccountAccess(accountId, Optional.of(credentials), "");
    }

    public static AccountAccess unreachable(String accountId, String why) {
        return new AccountAccess(accountId, Optional.empty(), why);
    }
}
