package io.rootwatch.alert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Text from an event cannot write the alert that shows it: one test per attack. */
class UntrustedTextTest {

    // Every form is one line of visible characters, of bounded length.

    @Test
    void lineBreaksBecomeSpacesSoNoValueAddsALine() {
        String faked = "Mozilla\r\nSeverity: INFO\nNext steps:\u2028none\u0085done";

        assertThat(UntrustedText.plain(faked)).isEqualTo("Mozilla Severity: INFO Next steps: none done");
        assertThat(UntrustedText.markdown(faked)).doesNotContain("\n", "\r", "\u2028", "\u0085");
        assertThat(UntrustedText.data(faked)).doesNotContain("\n", "\r", "\u2028", "\u0085");
    }

    @Test
    void bidiOverridesAndIsolatesAreRemoved() {
        String reversed = "invoice\u202Efdp.exe\u2066x\u2069\u200F";

        assertThat(UntrustedText.plain(reversed)).isEqualTo("invoicefdp.exex");
        assertThat(UntrustedText.markdown(reversed)).isEqualTo("invoicefdp.exex");
        assertThat(UntrustedText.data(reversed)).isEqualTo("invoicefdp.exex");
    }

    @Test
    void controlAndZeroWidthCharactersAreRemoved() {
        String hidden = "ro\u0000ot\u001B[31m\u200B\uFEFFkey\u00AD";

        assertThat(UntrustedText.plain(hidden)).isEqualTo("root[31mkey");
    }

    @Test
    void aLoneSurrogateIsRemovedAndAPairKept() {
        assertThat(UntrustedText.plain("a\uD83Db\uD83D\uDEA8")).isEqualTo("ab\uD83D\uDEA8");
    }

    @Test
    void aLongValueIsCutWithAnEllipsisWithinItsLimit() {
        String shown = UntrustedText.plain("A".repeat(1 << 20));

        assertThat(shown).hasSize(UntrustedText.DISPLAY_LIMIT).endsWith("A\u2026");
        assertThat(UntrustedText.markdown("A".repeat(1 << 20))).hasSize(UntrustedText.DISPLAY_LIMIT);
        assertThat(UntrustedText.data("A".repeat(1 << 20))).hasSize(UntrustedText.DATA_LIMIT);
    }

    @Test
    void theLimitCountsCharactersNotUtf16Units() {
        String shown = UntrustedText.plain("\uD83D\uDEA8".repeat(1000));

        assertThat(shown.codePointCount(0, shown.length())).isEqualTo(UntrustedText.DISPLAY_LIMIT);
    }

    @Test
    void ordinaryValuesAreShownAsRecorded() {
        String userAgent = "[aws-cli/2.31.18 md/awscrt#0.27.6 lang/python#3.13.7 md/command#s3.ls]";
        String arn = "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_RootAccessAdmin_5f1c/jdoe@example.com";

        assertThat(UntrustedText.plain(userAgent)).isEqualTo(userAgent);
        assertThat(UntrustedText.markdown(userAgent)).isEqualTo(userAgent);
        assertThat(UntrustedText.plain(arn)).isEqualTo(arn);
        assertThat(UntrustedText.markdown(arn)).isEqualTo(arn);
    }

    // Shown to a person (plain text, chat card): no mention, no link.

    @ParameterizedTest
    @ValueSource(strings = {"<!channel>", "<!here>", "<!everyone>", "<!subteam^S123>", "<@U123ABC>", "<#C123>"})
    void slackControlSequencesLoseTheirAngleBrackets(String mention) {
        assertThat(UntrustedText.plain(mention)).doesNotContain("<", ">");
        assertThat(UntrustedText.markdown(mention)).doesNotContain("<", ">");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@here", "@channel", "@everyone", "ping @alice", "(@here)", "-@channel"})
    void anAtSignStartingAWordMentionsNobody(String mention) {
        assertThat(UntrustedText.plain(mention)).doesNotContain("@");
        assertThat(UntrustedText.markdown(mention)).doesNotContain("@");
    }

    @Test
    void slackLinksLoseTheirAngleBracketsAndScheme() {
        String link = "<https://evil.example/reset|click me>";

        assertThat(UntrustedText.markdown(link)).isEqualTo("\u2039hxxps[:]//evil.example/reset|click me\u203A");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "HTTP://evil.example", "ftp://evil.example", "javascript://x"})
    void bareUrlsAreDefangedSoNothingAutoLinksThem(String url) {
        assertThat(UntrustedText.plain(url)).doesNotContain("://");
        assertThat(UntrustedText.markdown(url)).doesNotContain("://");
    }

    @Test
    void httpUrlsAreDefangedTheWayRespondersWriteThem() {
        assertThat(UntrustedText.plain("see https://evil.example/x")).isEqualTo("see hxxps[:]//evil.example/x");
    }

    // In the chat card: no markup either.

    @Test
    void markdownLinksAreBroken() {
        assertThat(UntrustedText.markdown("[click me](https://evil.example)")).doesNotContain("](");
    }

    @Test
    void boldItalicAndStrikeMarkersAreReplaced() {
        assertThat(UntrustedText.markdown("*bold* _italic_ ~strike~ **strong**")).doesNotContain("*", "_", "~");
    }

    @Test
    void underscoresInsideWordsAreKept() {
        assertThat(UntrustedText.markdown("AWSReservedSSO_RootAccessAdmin_5f1c")).isEqualTo("AWSReservedSSO_RootAccessAdmin_5f1c");
    }

    @Test
    void backticksCannotOpenACodeSpan() {
        assertThat(UntrustedText.markdown("`rm -rf` ```block```")).doesNotContain("`");
    }

    @Test
    void aQuoteMarkerIsReplaced() {
        assertThat(UntrustedText.markdown("> quoted")).doesNotContain(">");
    }

    @Test
    void aHeadingMarkerCannotStartAValue() {
        assertThat(UntrustedText.markdown("# Severity: INFO")).doesNotStartWith("#");
    }

    @Test
    void htmlEntitiesCannotSpellAngleBrackets() {
        assertThat(UntrustedText.markdown("&lt;!channel&gt;")).doesNotContain("&");
    }

    @Test
    void backslashEscapesAreReplaced() {
        assertThat(UntrustedText.markdown("value\\")).doesNotContain("\\");
    }

    // In the machine-readable JSON: values as recorded, bar invisible characters and length.

    @Test
    void theJsonFormKeepsMarkupAndLinksAsRecorded() {
        String recorded = "<https://evil.example|click> *bold* @here";

        assertThat(UntrustedText.data(recorded)).isEqualTo(recorded);
    }
}
