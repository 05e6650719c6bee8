package io.rootwatch.accounts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Names the operator configured ({@code ROOTWATCH_ACCOUNT_NAMES}): they are read once, answer
 * without I/O, and win over any name found elsewhere when combined with {@link AccountNames#firstOf}.
 * Entries whose key is not a 12-digit account id, or whose name is blank, are ignored; names are trimmed.
 */
public final class ConfiguredAccountNames implements AccountNames {
    private final Map<String, String> names;

    public ConfiguredAccountNames(Map<String, String> names) {
        Map<String, String> kept = new LinkedHashMap<>();
        names.forEach((accountId, name) -> {
            if (AccountNames.isAccountId(accountId) && name != null && !name.isBlank()) {
                kept.put(accountId, name.strip());
            }
        });
        this.names = Map.copyOf(kept);
    }

    @Override
    public Optional<String> nameOf(String accountId) {
        return accountId == null ? Optional.empty() : Optional.ofNullable(names.get(accountId));
    }

    /** How many accounts have a configured name. */
    public int size() {
        return names.size();
    }
}
