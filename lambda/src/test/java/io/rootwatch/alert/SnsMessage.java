package io.rootwatch.alert;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rendered SNS message read back as a subscriber would: it must be a JSON object with a string
 * for each protocol, and the JSON renderings must parse.
 */
record SnsMessage(String defaultText, String email, JsonNode emailJson, JsonNode sqs, JsonNode lambda, JsonNode https) {
    static final List<String> PROTOCOLS = List.of("default", "email", "email-json", "sqs", "https", "lambda");

    static SnsMessage of(RenderedAlert rendered) {
        JsonNode message = parse(rendered.message());
        assertThat(message.isObject()).as("the message is a JSON object").isTrue();
        for (String protocol : PROTOCOLS) {
            JsonNode value = message.get(protocol);
            assertThat(value != null && value.isTextual()).as("the message has a string for %s", protocol).isTrue();
        }
        return new SnsMessage(message.get("default").textValue(), message.get("email").textValue(),
                parse(message.get("email-json").textValue()), parse(message.get("sqs").textValue()),
                parse(message.get("lambda").textValue()), parse(message.get("https").textValue()));
    }

    private static JsonNode parse(String json) {
        try {
            return SampleAlert.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
