package io.rootwatch.cli.aws;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;

/** The region of a queue, as its URL names it. */
class QueueUrlsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://sqs.eu-west-1.amazonaws.com/222233334444/rootwatch-forwarder-dead-letters, eu-west-1",
            "https://sqs.us-east-1.amazonaws.com/111122223333/Rootwatch-EventQueue1A2B3C4D-MnOpQrStUvWx, us-east-1",
            "https://sqs-fips.us-gov-west-1.amazonaws.com/111122223333/q, us-gov-west-1",
            "https://sqs.cn-north-1.amazonaws.com.cn/111122223333/q, cn-north-1",
            "https://sqs.ap-southeast-2.api.aws/111122223333/q, ap-southeast-2",
            "https://eu-central-1.queue.amazonaws.com/111122223333/q, eu-central-1",
            "https://queue.amazonaws.com/111122223333/q, us-east-1"})
    void anAwsQueueUrlNamesItsRegion(String url, String region) {
        assertThat(QueueUrls.region(url)).contains(Region.of(region));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:4566/123456789012/rootwatch-forwarder-dead-letters",
            "http://localhost:5000/queue/q", "rootwatch-forwarder-dead-letters"})
    void anEmulatorsOrAMalformedUrlNamesNone(String url) {
        assertThat(QueueUrls.region(url)).isEmpty();
    }
}
