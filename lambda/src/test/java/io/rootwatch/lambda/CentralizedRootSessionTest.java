package io.rootwatch.lambda;

import io.rootwatch.detect.Category;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static io.rootwatch.testing.DetectorFixture.eventIdOf;
import static io.rootwatch.testing.DetectorFixture.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member-account root event carrying the key an {@code sts:AssumeRoot} returned is part of that
 * centralized root session, with its caller and task policy, whichever of the two arrives first.
 */
class CentralizedRootSessionTest {
    @RegisterExtension
    static final MotoServer MOTO = new MotoServer();

    private static final String ASSUME_ROOT = sample("centralized-assume-root-s3-unlock.json",
            "detail.responseElements.credentials.accessKeyId", "ASIAROOTSESSIONKEY01");
    /** The member account's bucket-policy deletion with that key, and without the assumedRoot marker. */
    private static final String MEMBER_EVENT = sample("task-s3-bucket-policy-unlock-delete.json",
            "detail.userIdentity.accessKeyId", "ASIAROOTSESSIONKEY01");

    private DetectorFixture fixture;
    private EventProcessor detector;

    @BeforeEach
    void freshAccount() throws Exception {
        fixture = new DetectorFixture(MOTO);
        detector = fixture.detector();
    }

    @Test
    void aMemberEventAfterItsAssumeRootIsPartOfTheSession() throws Exception {
        detector.process(ASSUME_ROOT);

        ProcessedEvent member = detector.process(MEMBER_EVENT).getFirst();

        assertThat(member.category()).contains(Category.CENTRALIZED_ROOT_SESSION);
        Map<String, AttributeValue> item = fixture.event(eventIdOf(MEMBER_EVENT)).orElseThrow();
        assertThat(item.get("rootSessionTaskPolicy").s()).isEqualTo("S3UnlockBucketPolicy");
        assertThat(item.get("rootSessionCaller").s()).contains("assumed-role");
        assertThat(item.get("task").s()).isEqualTo("s3-bucket-policy-unlock");
    }

    @Test
    void aMemberEventBeforeItsAssumeRootIsMarkedWhenTheAssumeRootArrives() throws Exception {
        assertThat(detector.process(MEMBER_EVENT).getFirst().category()).contains(Category.ROOT_ONLY_TASK);

        detector.process(ASSUME_ROOT);

        Map<String, AttributeValue> item = fixture.event(eventIdOf(MEMBER_EVENT)).orElseThrow();
        assertThat(item.get("category").s()).isEqualTo(Category.CENTRALIZED_ROOT_SESSION.name());
        assertThat(item.get("reclassifiedFrom").s()).isEqualTo(Category.ROOT_ONLY_TASK.name());
        assertThat(item.get("rootSessionTaskPolicy").s()).isEqualTo("S3UnlockBucketPolicy");
    }

    @Test
    void anotherRootKeyIsNotPartOfTheSession() throws Exception {
        detector.process(ASSUME_ROOT);

        ProcessedEvent other = detector.process(sample("task-s3-bucket-policy-unlock-delete.json",
                "detail.userIdentity.accessKeyId", "ASIAANOTHERKEY000001")).getFirst();

        assertThat(other.category()).contains(Category.ROOT_ONLY_TASK);
    }
}
