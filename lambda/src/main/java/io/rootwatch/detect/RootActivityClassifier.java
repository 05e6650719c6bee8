package io.rootwatch.detect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, for any CloudTrail record, whether it is root activity and of what kind (see the
 * reference, sections 1-3). Pure and thread-safe; it never throws on a JSON value, whatever its
 * fields hold.
 */
public final class RootActivityClassifier {
    private static final String STS_SOURCE = "sts.amazonaws.com";
    private static final String ASSUME_ROOT = "AssumeRoot";

    private final TaskCatalog catalog;

    public RootActivityClassifier(TaskCatalog catalog) {
        this.catalog = catalog;
    }

    public static RootActivityClassifier withBundledCatalog() {
        return new RootActivityClassifier(TaskCatalog.bundled());
    }

    public Verdict classify(JsonNode record) {
        return classify(CloudTrailRecord.of(record));
    }

    public Verdict classify(CloudTrailRecord record) {
        return classify(record, KnownRootSessions.NONE);
    }

    /**
     * Classifies a record, recognising member-account root events by the access key of a
     * centralized root session already seen, as well as by {@code sessionContext.assumedRoot}.
     */
    public Verdict classify(CloudTrailRecord record, KnownRootSessions knownSessions) {
        List<String> reasons = new ArrayList<>();
        Optional<RootTask> task = Optional.empty();
        Optional<AssumedRootSession> rootSession = Optional.empty();
        Category category;

        if (isAssumeRootCall(record)) {
            category = Category.CENTRALIZED_ROOT_SESSION;
            reasons.add(describeAssumeRoot(record));
            rootSession = AssumedRootSession.openedBy(record);
        } else if (!record.identityType().filter(CloudTrailRecord.ROOT_IDENTITY_TYPE::equals).isPresent()) {
            category = Category.NOT_ROOT;
            reasons.add(record.identityType()
                    .map(type -> "userIdentity.type is " + type + ", not Root")
                    .orElse("userIdentity.type is missing: not attributable to root"));
        } else if (actedOnByService(record)) {
            category = Category.ROOT_SERVICE_EVENT;
            reasons.add(record.invokedBy()
                    .filter(by -> !CloudTrailRecord.SIGNIN_SOURCE.equals(by))
                    .map(by -> "an AWS service (" + by + ") acted for the root user")
                    .orElse("an AWS service event for the root user (eventType AwsServiceEvent)"));
        } else {
            task = catalog.match(record);
            rootSession = record.accessKeyId().flatMap(knownSessions::find);
            category = rootSession.isPresent()
                    ? inKnownRootSession(rootSession.get(), task, reasons)
                    : rootCategory(record, task, reasons);
        }

        if (category.isRootActivity() && category != Category.ROOT_SERVICE_EVENT) {
            describeCall(record, category, reasons);
        }
        SeverityPolicy.Rule rule = SeverityPolicy.decide(new SeverityPolicy.Subject(category, task, record));
        if (category.isRootActivity()) {
            reasons.add(rule.severity() + ": " + rule.when());
        }
        return new Verdict(category, task, rule.severity(), record.mfaUsed(), reasons, rootSession);
    }

    private static Category inKnownRootSession(AssumedRootSession session, Optional<RootTask> task, List<String> reasons) {
        reasons.add("an action inside the centralized root session " + session.callerArn() + " opened with task policy "
                + session.taskPolicy() + " (its access key, from AssumeRoot event " + session.assumeRootEventId() + ")");
        task.ifPresent(t -> reasons.add("task: " + t.title()));
        return Category.CENTRALIZED_ROOT_SESSION;
    }

    private static boolean isAssumeRootCall(CloudTrailRecord record) {
        return record.eventSource().filter(STS_SOURCE::equals).isPresent()
                && record.eventName().filter(ASSUME_ROOT::equals).isPresent();
    }

    /**
     * Console calls by a human root session carry {@code invokedBy: signin.amazonaws.com} in older
     * records: those are root's own, unlike the CIS filter which drops every invokedBy.
     */
    private static boolean actedOnByService(CloudTrailRecord record) {
        boolean serviceEvent = record.eventType().filter(CloudTrailRecord.SERVICE_EVENT_TYPE::equalsIgnoreCase).isPresent();
        boolean invokedByService = record.invokedBy().filter(by -> !CloudTrailRecord.SIGNIN_SOURCE.equals(by)).isPresent();
        return serviceEvent || invokedByService;
    }

    private static Category rootCategory(CloudTrailRecord record, Optional<RootTask> task, List<String> reasons) {
        if (record.inAssumedRootSession()) {
            reasons.add("an action inside a centralized root session (sessionContext.assumedRoot)");
            task.ifPresent(t -> reasons.add("task: " + t.title()));
            return Category.CENTRALIZED_ROOT_SESSION;
        }
        boolean signIn = record.eventSource().filter(CloudTrailRecord.SIGNIN_SOURCE::equals).isPresent();
        if (signIn && record.eventName().filter("ConsoleLogin"::equals).isPresent()) {
            return consoleLogin(record, reasons);
        }
        if (signIn && reportsFailure(record)) {
            reasons.add("root sign-in step " + record.eventName().orElse("(unnamed)") + " failed"
                    + record.errorMessage().map(m -> ": " + m).orElse(""));
            return Category.ROOT_SIGN_IN_FAILURE;
        }
        if (signIn && task.isEmpty()) {
            reasons.add("a step of a root console sign-in (" + record.eventName().orElse("unnamed") + ")");
            return Category.ROOT_API_CALL;
        }
        if (task.isPresent()) {
            RootTask t = task.get();
            reasons.add(switch (t.category()) {
                case ROOT_CREDENTIAL_CHANGE -> "root credential change: " + t.title();
                case ROOT_ONLY_TASK -> "task that requires root: " + t.title();
                default -> "avoidable root use, once on AWS's root-only list: " + t.title();
            });
            return t.category();
        }
        reasons.add("the root user called " + record.eventSource().orElse("(unknown service)") + " "
                + record.eventName().orElse("(unnamed event)"));
        return Category.ROOT_API_CALL;
    }

    private static Category consoleLogin(CloudTrailRecord record, List<String> reasons) {
        Optional<String> result = record.consoleLoginResult();
        if (result.filter("Failure"::equalsIgnoreCase).isPresent()
                || (result.isEmpty() && (record.errorMessage().isPresent() || record.errorCode().isPresent()))) {
            reasons.add("root console sign-in failed" + record.errorMessage().map(m -> ": " + m).orElse(""));
            return Category.ROOT_SIGN_IN_FAILURE;
        }
        reasons.add(result.isPresent() ? "root console sign-in succeeded"
                : "root console sign-in with no recorded outcome: treated as a success");
        reasons.add(record.mfaUsed().map(used -> used ? "MFA used" : "MFA not used").orElse("MFA use not recorded"));
        return Category.ROOT_SIGN_IN;
    }

    private static boolean reportsFailure(CloudTrailRecord record) {
        JsonNode response = record.json().get("responseElements");
        if (response == null || !response.isObject()) {
            return false;
        }
        for (JsonNode value : response) {
            if (value.isTextual() && "Failure".equalsIgnoreCase(value.textValue())) {
                return true;
            }
        }
        return false;
    }

    private static String describeAssumeRoot(CloudTrailRecord record) {
        String target = record.text("requestParameters.targetPrincipal").orElse("(target not recorded)");
        String policy = record.text("requestParameters.taskPolicyArn.arn")
                .map(arn -> arn.substring(arn.lastIndexOf('/') + 1))
                .orElse("(task policy not recorded)");
        String caller = record.identityArn().orElse("(caller not recorded)");
        return "sts:AssumeRoot by " + caller + " into account " + target + " with task policy " + policy;
    }

    private static void describeCall(CloudTrailRecord record, Category category, List<String> reasons) {
        if (record.invokedBy().filter(CloudTrailRecord.SIGNIN_SOURCE::equals).isPresent()) {
            reasons.add("a console action (invokedBy signin.amazonaws.com)");
        }
        record.accessKeyId().filter(key -> key.startsWith("AKIA"))
                .ifPresent(key -> reasons.add("signed with a long-term root access key " + key));
        record.errorCode().ifPresent(code -> reasons.add("the call failed: " + code
                + record.errorMessage().map(m -> " (" + m + ")").orElse("")));
        if (category == Category.ROOT_API_CALL) {
            reasons.add(record.readOnly().orElse(false) ? "read-only call" : "not read-only");
        }
    }
}
