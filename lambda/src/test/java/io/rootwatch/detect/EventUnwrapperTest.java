package io.rootwatch.detect;

import io.rootwatch.testing.EventSamples;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventUnwrapperTest {

    private static EventUnwrapper.Unwrapped unwrap(String json) throws Exception {
        return EventUnwrapper.unwrap(EventSamples.MAPPER.readTree(json));
    }

    @Test
    void aBareRecordIsOneEventWithoutEnvelope() throws Exception {
        var unwrapped = unwrap("{\"eventID\":\"a\",\"userIdentity\":{\"type\":\"Root\"}}");

        assertThat(unwrapped.events()).singleElement().satisfies(e -> {
            assertThat(e.envelope()).isEmpty();
            assertThat(e.record().eventId()).contains("a");
        });
        assertThat(unwrapped.problems()).isEmpty();
    }

    @Test
    void anEnvelopeKeepsItsAccountAndRegionBesideTheRecords() throws Exception {
        var unwrapped = unwrap("""
                {"id":"e","detail-type":"AWS API Call via CloudTrail","source":"aws.s3","account":"111122223333",
                 "region":"us-east-1","detail":{"eventID":"b","recipientAccountId":"444455556666","awsRegion":"eu-west-1"}}
                """);

        assertThat(unwrapped.events()).singleElement().satisfies(e -> {
            assertThat(e.envelope().flatMap(Envelope::account)).contains("111122223333");
            assertThat(e.envelope().flatMap(Envelope::region)).contains("us-east-1");
            assertThat(e.record().accountId()).contains("444455556666");
            assertThat(e.record().awsRegion()).contains("eu-west-1");
        });
    }

    @Test
    void aLogFileYieldsEachRecordAndReportsWhatIsNotOne() throws Exception {
        var unwrapped = unwrap("{\"Records\":[{\"eventID\":\"1\"},{\"eventID\":\"2\"},7]}");

        assertThat(unwrapped.events()).hasSize(2);
        assertThat(unwrapped.problems()).singleElement().asString().contains("Records[2]");
    }

    @Test
    void anArrayMayMixShapes() throws Exception {
        var unwrapped = unwrap("""
                [{"eventID":"1"}, {"Records":[{"eventID":"2"}]}, {"source":"aws.iam","detail-type":"x","detail":{"eventID":"3"}}]
                """);

        assertThat(unwrapped.events()).extracting(e -> e.record().eventId().orElseThrow()).containsExactly("1", "2", "3");
    }

    @Test
    void jsonThatIsNotCloudTrailIsAProblemNotASilentSkip() throws Exception {
        var unwrapped = unwrap("{\"hello\":\"world\"}");

        assertThat(unwrapped.events()).isEmpty();
        assertThat(unwrapped.problems()).singleElement().asString().contains("not a CloudTrail record");
    }

    @Test
    void anEnvelopeWithoutADetailObjectIsAProblem() throws Exception {
        assertThat(unwrap("{\"source\":\"aws.iam\",\"detail-type\":\"x\",\"detail\":\"oops\"}").problems())
                .singleElement().asString().contains("no \"detail\" object");
    }

    @Test
    void aDetailObjectMakesAnEnvelopeEvenWithoutDetailType() throws Exception {
        var unwrapped = unwrap("{\"detail\":{\"eventID\":\"4\"}}");

        assertThat(unwrapped.events()).singleElement().satisfies(e -> assertThat(e.envelope()).isPresent());
    }

    @Test
    void recordsThatIsNotAnArrayIsAProblem() throws Exception {
        assertThat(unwrap("{\"Records\":{}}").problems()).singleElement().asString().contains("not an array");
    }
}
