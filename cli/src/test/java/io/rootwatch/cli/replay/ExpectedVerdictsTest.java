package io.rootwatch.cli.replay;

import io.rootwatch.detect.Category;
import io.rootwatch.detect.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** expected.tsv: a header naming its columns, then one TAB-separated line per sample file. */
class ExpectedVerdictsTest {

    private static ExpectedVerdicts parse(String text) {
        return ExpectedVerdicts.parse("expected.tsv", text.lines().toList());
    }

    @Test
    void readsOneVerdictPerLine() {
        var expected = parse("""
                file\tcategory\ttask\tseverity\tdescription
                a.json\tROOT_CREDENTIAL_CHANGE\troot-access-key\tCRITICAL\troot creates an access key
                """);

        assertThat(expected.problems()).isEmpty();
        assertThat(expected.forFile("a.json")).contains(new ExpectedVerdict(2, "a.json", Category.ROOT_CREDENTIAL_CHANGE,
                Optional.of("root-access-key"), Severity.CRITICAL));
    }

    @Test
    void readsADashAsNoTask() {
        var expected = parse("file\tcategory\ttask\tseverity\na.json\tNOT_ROOT\t-\tINFO\n");

        assertThat(expected.forFile("a.json")).hasValueSatisfying(verdict -> assertThat(verdict.taskId()).isEmpty());
    }

    @Test
    void findsColumnsByTheirHeaderWhateverTheirOrder() {
        var expected = parse("severity\tfile\tdescription\ttask\tcategory\nHIGH\ta.json\tsomething\t-\tROOT_API_CALL\n");

        assertThat(expected.forFile("a.json")).hasValueSatisfying(verdict -> {
            assertThat(verdict.category()).isEqualTo(Category.ROOT_API_CALL);
            assertThat(verdict.severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void skipsBlankLinesAndComments() {
        var expected = parse("# verdicts\nfile\tcategory\ttask\tseverity\n\n# a comment\na.json\tNOT_ROOT\t-\tINFO\n");

        assertThat(expected.problems()).isEmpty();
        assertThat(expected.all()).hasSize(1);
    }

    @Test
    void reportsAnUnknownCategoryWithItsLine() {
        var expected = parse("file\tcategory\ttask\tseverity\na.json\tROOT_SIGNIN\t-\tHIGH\n");

        assertThat(expected.problems()).singleElement().asString().startsWith("expected.tsv:2: unknown category \"ROOT_SIGNIN\"");
    }

    @Test
    void reportsALineWithTooFewColumns() {
        var expected = parse("file\tcategory\ttask\tseverity\na.json ROOT_API_CALL - HIGH\n");

        assertThat(expected.problems()).singleElement().asString().startsWith("expected.tsv:2: 4 TAB-separated columns expected");
    }

    @Test
    void reportsASecondLineForTheSameFile() {
        var expected = parse("file\tcategory\ttask\tseverity\na.json\tNOT_ROOT\t-\tINFO\na.json\tNOT_ROOT\t-\tINFO\n");

        assertThat(expected.problems()).singleElement().asString().contains("expected.tsv:3", "the first is line 2");
    }

    @Test
    void reportsAHeaderWithoutTheRequiredColumns() {
        var expected = parse("name\tcategory\tseverity\na.json\tNOT_ROOT\tINFO\n");

        assertThat(expected.problems()).singleElement().asString().startsWith("expected.tsv:1: the header must name the columns");
        assertThat(expected.all()).isEmpty();
    }

    @Test
    void namesEveryDifferenceFromTheActualVerdict() {
        var expected = new ExpectedVerdict(2, "a.json", Category.ROOT_CREDENTIAL_CHANGE, Optional.of("root-access-key"), Severity.CRITICAL);
        var actual = new io.rootwatch.detect.Verdict(Category.ROOT_API_CALL, Optional.empty(), Severity.HIGH, Optional.empty(), List.of(),
                Optional.empty());

        assertThat(expected.differences(actual)).containsExactly(
                "category ROOT_API_CALL, expected ROOT_CREDENTIAL_CHANGE",
                "task -, expected root-access-key",
                "severity HIGH, expected CRITICAL");
    }
}
