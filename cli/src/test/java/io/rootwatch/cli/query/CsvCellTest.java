package io.rootwatch.cli.query;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV cells follow RFC 4180, and a spreadsheet never runs an event field as a formula. */
class CsvCellTest {
    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "plain|plain",
            "a,b|\"a,b\"",
            "say \"hi\"|\"say \"\"hi\"\"\"",
            "`=HYPERLINK(\"http://x\")`|\"'=HYPERLINK(\"\"http://x\"\")\"",
            "+1|'+1",
            "-cmd|'-cmd",
            "@SUM(A1)|'@SUM(A1)",
            "192.0.2.1|192.0.2.1"})
    void aFieldIsQuotedWhenItMustBeAndDefusedWhenItLooksLikeAFormula(String field, String cell) {
        assertThat(RecordPrinter.CsvPrinter.cell(field)).isEqualTo(cell);
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '`', value = {"`line\nbreak`", "`carriage\rreturn`"})
    void aLineBreakInsideAFieldIsQuoted(String field) {
        assertThat(RecordPrinter.CsvPrinter.cell(field)).startsWith("\"").endsWith("\"");
    }
}
