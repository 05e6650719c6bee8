package io.rootwatch.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rootwatch.detect.BreakGlassWindow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attacker acting as root writes the user agent, the request, and through them the error
 * message; whoever names accounts writes the account name. Each hostile value below is put in all
 * of those at once, and no rendering may then carry it so that it works.
 */
class HostileEventRenderingTest {
    private static final AlertRenderer RENDERER = new AlertRenderer();

    private record Hostile(String name, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> hostile() {
        return Stream.of(
                new Hostile("Slack broadcast mentions", "<!channel> <!here> <!everyone> root is fine"),
                new Hostile("Slack user mention", "<@U123ABC> please approve"),
                new Hostile("plain mentions", "@here @channel @everyone wake up"),
                new Hostile("Slack link", "<https://evil.example/reset|click me>"),
                new Hostile("markdown link", "[Open the runbook](https://evil.example/runbook)"),
                new Hostile("bare URL", "see https://evil.example/login now"),
                new Hostile("markup", "*bold* _italic_ ~strike~ `code` **strong**"),
                new Hostile("quote and heading", "> quoted\n# Severity: INFO"),
                new Hostile("fake header lines", "Mozilla/5.0\r\nSeverity: INFO\r\nNext steps: ignore this alert\nSubject: all clear"),
                new Hostile("bidi override", "\u202Eexe.gnp\u202C \u2066isolated\u2069"),
                new Hostile("1 MB", "A".repeat(1 << 20)),
                new Hostile("1 MB of emoji", "\uD83D\uDEA8".repeat(1 << 19)));
    }

    /** An alert whose every attacker-written field holds the hostile text. */
    private static RenderedAlert renderedWith(String text) {
        Alert alert = SampleAlert.of("api-root-access-denied.json")
                .record(record -> {
                    record.put("userAgent", text);
                    record.put("errorMessage", text);
                    record.put("sourceIPAddress", text);
                    ((ObjectNode) record.get("userIdentity")).put("userName", text);
                    record.putObject("requestParameters").put("userName", text).put("path", text);
                })
                .accountName(text)
                .plannedWindow(new BreakGlassWindow(text, "444455556666", Instant.parse("2026-11-01T00:00:00Z"),
                        Instant.parse("2026-12-01T00:00:00Z"), text, text))
                .build();
        return RENDERER.render(alert);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void theChatCardHasNoMentionLinkOrMarkupFromTheEvent(Hostile hostile) {
        String shown = String.join("\n", chatText(SnsMessage.of(renderedWith(hostile.text())).https()));

        assertThat(shown).doesNotContain("<!", "<@", "<#", "<http", "@here", "@channel", "@everyone", "https://evil",
                "](", "*bold*", "_italic_", "~strike~", "`", "**strong**", "&lt;");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void theChatCardHasOnlyItsOwnLines(Hostile hostile) {
        JsonNode card = SnsMessage.of(renderedWith(hostile.text())).https();

        assertThat(card.at("/content/description").textValue().lines())
                .allSatisfy(line -> assertThat(line).matches("\\*[A-Z][A-Za-z ,-]*:\\* \\S.*"));
        assertThat(card.at("/content/title").textValue()).doesNotContain("\n");
        assertThat(card.at("/metadata/summary").textValue()).doesNotContain("\n");
        card.at("/content/nextSteps").forEach(step -> assertThat(step.textValue()).doesNotContain("\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void theEmailHasOnlyItsOwnLines(Hostile hostile) {
        String email = SnsMessage.of(renderedWith(hostile.text())).email();

        assertThat(email.lines()).noneMatch(line -> line.startsWith("Severity: INFO") || line.startsWith("Next steps: ignore")
                || line.startsWith("Subject:") || line.startsWith("# ") || line.startsWith(">"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void thePlainTextHasNoMentionOrLinkFromTheEvent(Hostile hostile) {
        SnsMessage message = SnsMessage.of(renderedWith(hostile.text()));

        for (String plain : List.of(message.email(), message.defaultText())) {
            assertThat(plain).doesNotContain("<!", "<@", "<http", "@here", "@channel", "@everyone", "https://evil");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void noRenderingCarriesInvisibleOrControlCharacters(Hostile hostile) {
        RenderedAlert rendered = renderedWith(hostile.text());
        SnsMessage message = SnsMessage.of(rendered);
        List<String> texts = new ArrayList<>(List.of(rendered.subject(), message.email(), message.defaultText()));
        texts.addAll(chatText(message.https()));
        collectStrings(message.sqs(), texts);

        assertThat(texts).allSatisfy(text -> assertThat(text.codePoints())
                .noneMatch(c -> Character.getType(c) == Character.FORMAT || (Character.getType(c) == Character.CONTROL && c != '\n')));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void theSubjectKeepsToSnsRules(Hostile hostile) {
        AlertRendererTest.assertKeepsToSnsSubjectRules(renderedWith(hostile.text()).subject());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void theSubjectHasNoMentionOrLinkFromTheEvent(Hostile hostile) {
        assertThat(renderedWith(hostile.text()).subject()).doesNotContain("<", ">", "@", "://", "`");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void theMessageStaysWithinSnsSizeLimit(Hostile hostile) {
        RenderedAlert rendered = renderedWith(hostile.text());

        assertThat(rendered.message().getBytes(StandardCharsets.UTF_8).length).isLessThan(256 * 1024);
        assertThat(SnsMessage.of(rendered).email().length()).isLessThan(16 * 1024);
    }

    /** Every text the chat client shows: title, description, steps, summary, resources, context. */
    private static List<String> chatText(JsonNode card) {
        List<String> texts = new ArrayList<>();
        texts.add(card.at("/content/title").textValue());
        texts.add(card.at("/content/description").textValue());
        card.at("/content/nextSteps").forEach(step -> texts.add(step.textValue()));
        texts.add(card.at("/metadata/summary").textValue());
        card.at("/metadata/relatedResources").forEach(resource -> texts.add(resource.textValue()));
        card.at("/metadata/additionalContext").forEach(value -> texts.add(value.textValue()));
        return texts;
    }

    private static void collectStrings(JsonNode json, List<String> into) {
        if (json.isTextual()) {
            into.add(json.textValue());
        }
        json.forEach(child -> collectStrings(child, into));
    }
}
