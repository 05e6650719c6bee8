package io.rootwatch.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rootwatch.detect.CloudTrailRecord;
import io.rootwatch.detect.RootActivityClassifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeadlineTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final RootActivityClassifier CLASSIFIER = RootActivityClassifier.withBundledCatalog();

    private static String headline(String json) throws Exception {
        CloudTrailRecord record = CloudTrailRecord.of(MAPPER.readTree(json));
        return Headline.of(record, CLASSIFIER.classify(record));
    }

    @Test
    void saysWhatHappenedWhereAndFromWhere() throws Exception {
        assertThat(headline("""
                {"userIdentity":{"type":"Root"},"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin",
                 "responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"MFAUsed":"No"},
                 "recipientAccountId":"111122223333","sourceIPAddress":"203.0.113.7"}
                """)).isEqualTo("[CRITICAL] Root sign-in without MFA: 111122223333 from 203.0.113.7");
    }

    @Test
    void namesTheLongTermRootKey() throws Exception {
        assertThat(headline("""
                {"userIdentity":{"type":"Root","accessKeyId":"AKIAIOSFODNN7EXAMPLE"},"eventSource":"s3.amazonaws.com",
                 "eventName":"ListBuckets","readOnly":true,"recipientAccountId":"111122223333"}
                """)).isEqualTo("[CRITICAL] Root API call ListBuckets with a long-term root access key: 111122223333");
    }

    @Test
    void aRefusedAssumeRootIsNotCalledAnOpenedSession() throws Exception {
        assertThat(headline("""
                {"userIdentity":{"type":"AssumedRole"},"eventSource":"sts.amazonaws.com","eventName":"AssumeRoot",
                 "errorCode":"AccessDenied","requestParameters":{"targetPrincipal":"444455556666"},
                 "recipientAccountId":"111122223333"}
                """)).startsWith("[MEDIUM] Refused centralized root session for 444455556666 (AccessDenied)");
    }

    @Test
    void doesNotRepeatACallerSuppliedTargetThatIsNotAnAccount() throws Exception {
        assertThat(headline("""
                {"userIdentity":{"type":"AssumedRole"},"eventSource":"sts.amazonaws.com","eventName":"AssumeRoot",
                 "requestParameters":{"targetPrincipal":"<!channel> 444455556666"},"recipientAccountId":"111122223333"}
                """)).doesNotContain("<!channel>").contains("opened for a member account");
    }
}
