package io.rootwatch.accounts;

import java.util.List;
import java.util.Optional;

/**
 * Names for AWS accounts, so that alerts can say "prod-payments (111122223333)" rather than a bare
 * number. A lookup answers; it never throws: an account without a known name is {@link Optional#empty()}.
 *
 * <p>A name is untrusted text (anyone who can rename an account chooses it): whoever renders it
 * escapes it.
 */
@FunctionalInterface
public interface AccountNames {
    /** The account's name, if one is known; empty for an unknown account or an id that is not 12 digits. */
    Optional<String> nameOf(String accountId);

    /** Knows no names. */
    static AccountNames none() {
        return accountId -> Optional.empty();
    }

    /**
     * Asks each source in turn and answers with the first name found, so earlier sources win: put
     * configured names before Organizations. A later source is not asked once a name is found, and
     * a source that throws is passed over as though it knew no name.
     */
    static AccountNames firstOf(AccountNames... sources) {
        List<AccountNames> inOrder = List.of(sources);
        return accountId -> {
            for (AccountNames source : inOrder) {
                Optional<String> name;
                try {
                    name = source.nameOf(accountId);
                } catch (RuntimeException ignored) {
                    continue;
                }
                if (name != null && name.isPresent()) {
                    return name;
                }
            }
            return Optional.empty();
        };
    }

    /** Whether the text is an AWS account id: exactly 12 ASCII digits. */
    static boolean isAccountId(String text) {
        return AccountIds.isAccountId(text);
    }
}
