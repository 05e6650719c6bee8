package io.rootwatch.alert;

import io.rootwatch.detect.BreakGlassWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The first next step is the one to take now, and it is specific to what happened. */
class NextStepsTest {

    private static List<String> steps(Alert alert) {
        return NextSteps.of(alert, UnaryOperator.identity());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            signin-root-success-no-mfa.json                 | Reach the owner of the root credentials of 123456789012 now and confirm they signed in from 192.0.2.146
            signin-root-success-mfa.json                    | Confirm with the owner of the root credentials of 111122223333 that they signed in
            signin-root-failure-wrong-password.json         | Ask the owner of the root credentials of 111122223333 whether this was them
            credential-root-create-access-key.json          | Delete the new root access key AKIAGFMB47A0U8F0RIB3 unless a documented, approved need exists
            credential-root-update-access-key-active.json   | Deactivate the root access key AKIA1YU64M1RSMS4BQXJ again
            credential-root-deactivate-mfa-device.json      | Re-enable MFA on the root user of 111122223333 now
            credential-root-delete-virtual-mfa-device.json  | Re-enable MFA on the root user
            credential-root-email-updated.json              | Confirm the change of root email address was approved. If not, contact AWS Support now
            credential-root-password-updated.json           | Confirm the owner of the root credentials changed the password
            api-root-list-buckets-akia.json                 | A long-term root access key (AKIA5KES5J64IJGJHR5X) is in use: find where it lives
            api-root-get-session-token-akia.json            | A long-term root access key
            api-root-access-denied.json                     | The call was refused (AccessDenied), but someone tried it as root
            api-root-run-instances.json                     | Find out who is using the root user
            task-close-account.json                         | Confirm the task (Close the AWS account) was planned and approved
            centralized-assume-root-s3-unlock.json          | Confirm the caller arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_RootAccessAdmin_5f1c2d3e4a6b7c8d/jdoe@example.com ran the task they were approved for: S3UnlockBucketPolicy in account 444455556666
            centralized-member-delete-bucket-policy.json    | Find the sts:AssumeRoot call that opened this session
            service-root-invoked-by-glue.json               | Nothing to do for this event alone
            not-root-iam-user-console-login.json            | Nothing to do: this is not root activity.
            """)
    void theFirstStepFitsWhatHappened(String sample, String firstStep) {
        assertThat(steps(SampleAlert.of(sample).build()).getFirst()).startsWith(firstStep);
    }

    @Test
    void anActionInAKnownCentralizedSessionAsksWhetherTheCallerRanTheApprovedTask() {
        Alert alert = SampleAlert.of("centralized-member-delete-bucket-policy.json")
                .inSessionOpenedBy("centralized-assume-root-s3-unlock.json").build();

        assertThat(steps(alert).getFirst()).startsWith("Confirm the caller arn:aws:sts::111122223333:assumed-role/")
                .endsWith("ran the task they were approved for (S3UnlockBucketPolicy): this action is s3:DeleteBucketPolicy.");
    }

    @Test
    void aBurstIsTreatedAsPasswordGuessing() {
        Alert alert = SampleAlert.of("signin-root-failure-wrong-password.json")
                .failureBurst(new Alert.SignInFailureBurst("111122223333", 5, 15, "2026-11-02T03:01:09Z", "2026-11-02T03:12:41Z"))
                .build();

        assertThat(steps(alert).getFirst()).startsWith("5 failed root sign-ins in 15 minutes look like password guessing");
    }

    @Test
    void aPlannedEventFirstAsksWhetherTheWorkMatchesThePlan() {
        Alert alert = SampleAlert.of("task-close-account.json").plannedWindow(new BreakGlassWindow("bg-1", "210987654321",
                Instant.parse("2026-11-08T18:00:00Z"), Instant.parse("2026-11-08T20:00:00Z"), "close the analytics account", "alice"))
                .build();

        assertThat(steps(alert)).first().asString()
                .startsWith("Confirm the work matches the planned reason \"close the analytics account\" (planned by alice");
        assertThat(steps(alert)).noneMatch(step -> step.startsWith("Confirm the task"));
    }

    @Test
    void aPlannedEventStillGetsItsRemediation() {
        Alert alert = SampleAlert.of("credential-root-create-access-key.json").plannedWindow(new BreakGlassWindow("bg-1",
                "111122223333", Instant.parse("2026-11-02T09:00:00Z"), Instant.parse("2026-11-02T10:00:00Z"), "key for the legacy backup job", "bob"))
                .build();

        assertThat(steps(alert)).anyMatch(step -> step.startsWith("Delete the new root access key AKIAGFMB47A0U8F0RIB3"));
    }

    @Test
    void aPartialRecordSendsTheResponderToTheWholeEvent() {
        Alert alert = SampleAlert.of("signin-root-success-mfa.json").missingFields("eventTime", "awsRegion").build();

        assertThat(steps(alert).getLast()).isEqualTo("Open the event in CloudTrail to see it whole: the record lacked eventTime,"
                + " awsRegion, so this alert may miss details.");
    }

    @Test
    void valuesInTheStepsGoThroughTheRenderingsEscaping() {
        Alert alert = SampleAlert.of("task-close-account.json").plannedWindow(new BreakGlassWindow("bg-1", "210987654321",
                Instant.parse("2026-11-08T18:00:00Z"), Instant.parse("2026-11-08T20:00:00Z"), "<!here> *now*", "alice")).build();

        assertThat(NextSteps.of(alert, UntrustedText::markdown).getFirst()).doesNotContain("<!here>", "*now*");
    }
}
