package io.rootwatch.accounts;

import java.util.Objects;
import java.util.Optional;

/**
 * One account of an organization as {@code ListAccounts} gives it.
 *
 * @param id     the 12-digit account id
 * @param name   the account's name (empty when the answer had none)
 * @param status {@code ACTIVE}, {@code SUSPENDED} or {@code PENDING_CLOSURE}, as AWS spells it
 * @param arn    {@code arn:<partition>:organizations::<management account>:account/<organization id>/<id>}
 */
public record OrganizationAccount(String id, String name, String status, String arn) {
    public static final String ACTIVE = "ACTIVE";

    public OrganizationAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(arn, "arn");
    }

    public boolean active() {
        return ACTIVE.equals(status);
    }

    /** The management account, which every account ARN of the organization names as its owner. */
    public Optional<String> managementAccountId() {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && AccountIds.isAccountId(parts[4]) ? Optional.of(parts[4]) : Optional.empty();
    }

    /** The organization ({@code o-...}) from the ARN's resource, {@code account/<organization id>/<id>}. */
    public Optional<String> organizationId() {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6) {
            return Optional.empty();
        }
        String[] resource = parts[5].split("/");
        return resource.length == 3 && resource[0].equals("account") && resource[1].startsWith("o-")
                ? Optional.of(resource[1]) : Optional.empty();
    }
}
