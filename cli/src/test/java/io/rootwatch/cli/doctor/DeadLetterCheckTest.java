package io.rootwatch.cli.doctor;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dead-letter verdicts on the counts SQS gives, and the table keeping a whole redrive command. */
class DeadLetterCheckTest {
    private static final String SCOPE = "111122223333/us-east-1";
    /** Queue URLs as CloudFormation names them in a real account: stack, logical id and a suffix. */
    private static final String DEAD_LETTERS = "https://sqs.us-east-1.amazonaws.com/111122223333/"
            + "Rootwatch-EventDeadLetterQueue4A5B6C7D-AbCdEfGhIjKl";
    private static final String EVENT_QUEUE = "https://sqs.us-east-1.amazonaws.com/111122223333/Rootwatch-EventQueue1A2B3C4D-MnOpQrStUvWx";
    private static final String REDRIVE = "rootwatch redrive --region us-east-1 --profile security-audit-administrator --from "
            + DEAD_LETTERS + " --to " + EVENT_QUEUE;
    private static final String FORWARDER_REDRIVE = "rootwatch redrive --region us-east-1 --profile security-audit-administrator --from "
            + "https://sqs.ap-southeast-2.amazonaws.com/222233334444/rootwatch-forwarder-dead-letters"
            + " --from-role-arn arn:aws:iam::222233334444:role/rootwatch-doctor --to " + EVENT_QUEUE;

    @Test
    void anEmptyCentralQueuePasses() {
        assertThat(DeadLetterCheck.evaluateCentral(DEAD_LETTERS, "the detector failed on 300 times", new DeadLetterCheck.Waiting(0, 0),
                REDRIVE, SCOPE)).isEqualTo(Finding.pass(DeadLetterCheck.CENTRAL, SCOPE,
                "Rootwatch-EventDeadLetterQueue4A5B6C7D-AbCdEfGhIjKl: empty"));
    }

    @Test
    void messagesInFlightAloneStillFail() {
        Finding finding = DeadLetterCheck.evaluateForwarder(new DeadLetterCheck.Waiting(0, 2), "222233334444/eu-west-1", FORWARDER_REDRIVE);

        assertThat(finding.status()).isEqualTo(Status.FAIL);
        assertThat(finding.detail()).contains("2 root events that never reached the central bus (0 waiting, 2 in flight)");
    }

    @Test
    void theTableKeepsTheWholeRedriveCommandOfARealAccount() {
        Finding finding = DeadLetterCheck.evaluateCentral(DEAD_LETTERS, "the detector failed on 300 times",
                new DeadLetterCheck.Waiting(12, 0), REDRIVE, SCOPE);
        StringWriter out = new StringWriter();

        DoctorReport.table(List.of(finding), new PrintWriter(out, true));

        assertThat(out.toString()).contains("12 events the detector failed on 300 times (12 waiting, 0 in flight); once the cause is fixed, "
                + REDRIVE + "\n");
    }

    @Test
    void theTableKeepsTheWholeForwarderRedriveCommandWithItsRole() {
        Finding finding = DeadLetterCheck.evaluateForwarder(new DeadLetterCheck.Waiting(3, 0), "222233334444/ap-southeast-2",
                FORWARDER_REDRIVE);
        StringWriter out = new StringWriter();

        DoctorReport.table(List.of(finding), new PrintWriter(out, true));

        assertThat(out.toString()).contains("3 root events that never reached the central bus (3 waiting, 0 in flight); once the cause is"
                + " fixed, " + FORWARDER_REDRIVE + "\n");
    }
}
