package io.rootwatch.detect;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How urgent each kind of event is: an ordered list of rules, the first that holds wins. This is
 * the one place severity is decided; the README's severity table is generated from {@link #rules()}.
 */
public final class SeverityPolicy {

    /** What a rule may look at: the event's category and task, and the record itself. */
    public record Subject(Category category, Optional<RootTask> task, CloudTrailRecord record) {
        boolean is(Category first, Category... more) {
            return category == first || Arrays.asList(more).contains(category);
        }

        boolean isFrom(String eventSource) {
            return record.eventSource().filter(eventSource::equals).isPresent();
        }

        boolean performs(String taskId, String... eventNames) {
            return task.filter(t -> t.id().equals(taskId)).isPresent()
                    && record.eventName().filter(Set.of(eventNames)::contains).isPresent();
        }
    }

    public record Rule(Severity severity, String when, Predicate<Subject> test) {
    }

    private static final String ROOT_ACCESS_KEY = "root-access-key";
    private static final String ROOT_MFA_DEVICE = "root-mfa-device";

    private static final List<Rule> RULES = List.of(
            new Rule(Severity.INFO, "An AWS service acting for root, or not root activity at all",
                    s -> s.is(Category.ROOT_SERVICE_EVENT, Category.NOT_ROOT)),
            new Rule(Severity.MEDIUM, "Centralized root session: `sts:AssumeRoot`, or an action inside such a session",
                    s -> s.is(Category.CENTRALIZED_ROOT_SESSION)),
            new Rule(Severity.CRITICAL, "Root console sign-in without MFA (`MFAUsed` is not yes, or not recorded)",
                    s -> s.is(Category.ROOT_SIGN_IN) && !s.record().mfaUsed().orElse(false)),
            new Rule(Severity.CRITICAL, "Root access key created (`CreateAccessKey`) or activated (`UpdateAccessKey` to `Active`)",
                    s -> s.performs(ROOT_ACCESS_KEY, "CreateAccessKey")
                            || (s.performs(ROOT_ACCESS_KEY, "UpdateAccessKey") && activates(s.record()))),
            new Rule(Severity.CRITICAL, "Root MFA device removed (`DeactivateMFADevice`, `DeleteVirtualMFADevice`)",
                    s -> s.performs(ROOT_MFA_DEVICE, "DeactivateMFADevice", "DeleteVirtualMFADevice")),
            new Rule(Severity.CRITICAL, "Any root call signed with a long-term root access key (`AKIA...`)",
                    s -> s.record().accessKeyId().filter(k -> k.startsWith("AKIA")).isPresent()),
            new Rule(Severity.MEDIUM, "Failed root sign-in",
                    s -> s.is(Category.ROOT_SIGN_IN_FAILURE)),
            new Rule(Severity.MEDIUM, "Read-only root API call (`readOnly: true`), or a successful sign-in step other than `ConsoleLogin` (`CheckMfa`, ...), whose `ConsoleLogin` alerts on its own",
                    s -> s.is(Category.ROOT_API_CALL)
                            && (s.record().readOnly().orElse(false) || s.isFrom(CloudTrailRecord.SIGNIN_SOURCE))),
            new Rule(Severity.HIGH, "Any other root sign-in, credential change, root-only task or write call",
                    s -> true));

    private SeverityPolicy() {
    }

    public static List<Rule> rules() {
        return RULES;
    }

    /** The first rule that holds for this subject; the last rule always holds. */
    public static Rule decide(Subject subject) {
        for (Rule rule : RULES) {
            if (rule.test().test(subject)) {
                return rule;
            }
        }
        throw new IllegalStateException("the last severity rule always holds");
    }

    private static boolean activates(CloudTrailRecord record) {
        return record.text("requestParameters.status").map(s -> s.toLowerCase(Locale.ROOT)).filter("active"::equals).isPresent();
    }
}
