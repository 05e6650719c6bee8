package io.rootwatch.cli.report;

import io.rootwatch.audit.AccountSignIns;
import io.rootwatch.audit.AccountSignIns.LastSignIn;
import io.rootwatch.audit.AuditRecord;
import io.rootwatch.cli.query.AuditQuery;
import io.rootwatch.cli.query.Period;
import io.rootwatch.cli.query.QueryFilters;
import io.rootwatch.cli.query.QueryPlan;
import io.rootwatch.detect.Severity;
import io.rootwatch.detect.TaskCatalog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The evidence of a report: every account known, with its root activity in the period. Accounts
 * are known from their events in the period, from the table's last-sign-in items, and from the
 * list the caller gives; an account known only from the latter two had no root activity.
 */
public record AuditEvidence(Period period, String table, Instant generatedAt, List<AccountEvidence> accounts, TaskCatalog catalog) {
    public AuditEvidence {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(catalog, "catalog");
        accounts = List.copyOf(accounts);
    }

    /**
     * Reads the evidence from the audit table.
     *
     * @param only     when not empty, the report covers these accounts and no others
     * @param expected accounts to list even when the table knows nothing of them
     */
    public static AuditEvidence collect(DynamoDbClient dynamo, String table, Period period, List<String> only,
                                        Collection<String> expected, Instant generatedAt,
                                        Consumer<AuditRecord.UnreadableItem> unreadable) {
        QueryPlan plan = QueryPlan.of(QueryFilters.all(period).withAccounts(only));
        Map<String, List<AuditRecord>> events;
        try (Stream<AuditRecord> records = new AuditQuery(dynamo, table, Optional.empty()).run(plan, unreadable)) {
            events = records.filter(r -> r.category().isRootActivity())
                    .collect(Collectors.groupingBy(AuditRecord::accountId, TreeMap::new, Collectors.toList()));
        }
        Map<String, LastSignIn> signIns = new AccountSignIns(dynamo, table).all().stream()
                .collect(Collectors.toMap(LastSignIn::accountId, Function.identity()));
        TreeSet<String> known = new TreeSet<>(events.keySet());
        if (only.isEmpty()) {
            known.addAll(signIns.keySet());
            known.addAll(expected);
        } else {
            known.addAll(only);
        }
        List<AccountEvidence> accounts = new ArrayList<>();
        for (String account : known) {
            accounts.add(new AccountEvidence(account, events.getOrDefault(account, List.of()),
                    Optional.ofNullable(signIns.get(account))));
        }
        return new AuditEvidence(period, table, generatedAt, accounts, TaskCatalog.bundled());
    }

    public List<AccountEvidence> active() {
        return accounts.stream().filter(AccountEvidence::hadRootActivity).toList();
    }

    public List<AccountEvidence> quiet() {
        return accounts.stream().filter(a -> !a.hadRootActivity()).toList();
    }

    public List<AuditRecord> events() {
        return accounts.stream().flatMap(a -> a.events().stream()).toList();
    }

    public Map<Severity, Long> countsBySeverity() {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        events().forEach(e -> counts.merge(e.severity(), 1L, Long::sum));
        return counts;
    }

    public long signInsWithoutMfa() {
        return accounts.stream().mapToLong(a -> a.signInsWithoutMfa().size()).sum();
    }

    public long rootAccessKeyUse() {
        return accounts.stream().mapToLong(a -> a.rootAccessKeyUse().size()).sum();
    }

    public long rootOnlyTasks() {
        return accounts.stream().mapToLong(a -> a.rootOnlyTasks(catalog).size()).sum();
    }
}
