package io.rootwatch.cli;

import io.rootwatch.detect.RootTask;
import io.rootwatch.detect.SeverityPolicy;
import io.rootwatch.detect.TaskCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.rootwatch.cli.Rootwatch.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The task catalog and the severity policy, printed for people and as the Markdown tables the README embeds. */
class CatalogTablesTest {
    private static final List<RootTask> TASKS = TaskCatalog.bundled().tasks();
    private static final List<SeverityPolicy.Rule> RULES = SeverityPolicy.rules();

    @Test
    void tasksMarkdownIsATableWithOneRowPerTaskInCatalogOrder() {
        var lines = run("tasks", "--markdown").outLines();

        assertThat(lines.get(0)).isEqualTo("| task id | task | root only | CloudTrail events |");
        assertThat(lines.get(1)).isEqualTo("|---|---|---|---|");
        assertThat(lines.subList(2, lines.size())).hasSize(TASKS.size());
        for (int i = 0; i < TASKS.size(); i++) {
            assertThat(lines.get(i + 2)).startsWith("| `" + TASKS.get(i).id() + "` | ");
        }
    }

    @Test
    void tasksMarkdownLinksEachTitleToItsDocumentation() {
        RootTask task = TASKS.getFirst();

        assertThat(run("tasks", "--markdown").outLines().get(2))
                .contains("[" + task.title() + "](" + task.documentation() + ")");
    }

    @Test
    void tasksMarkdownNamesEventsAsServiceColonNameWithTheirDiscriminatorsAndSaysYesForRootOnly() {
        assertThat(run("tasks", "--markdown").outLines())
                .anySatisfy(line -> assertThat(line).startsWith("| `root-access-key` |")
                        .endsWith("| yes | `iam:CreateAccessKey`, `iam:UpdateAccessKey`, `iam:DeleteAccessKey`"
                                + " when `requestParameters.userName` is absent |"));
    }

    @Test
    void tasksMarkdownNamesEachSourceOfATaskOnceEvenWhenTwoSpellingsShortenAlike() {
        assertThat(run("tasks", "--markdown").outLines())
                .anySatisfy(line -> assertThat(line).startsWith("| `tax-invoices` |")
                        .endsWith("| `taxconsole:DownloadTaxInvoice`, `taxconsole:GetTaxInvoicesMetadata` |"));
    }

    @Test
    void tasksMarkdownSaysNoneDocumentedForATaskWithoutCloudTrailEvents() {
        List<RootTask> withoutEvents = TASKS.stream().filter(task -> !task.hasCloudTrailEvent()).toList();

        assertThat(withoutEvents).isNotEmpty();
        assertThat(run("tasks", "--markdown").outLines()).anySatisfy(line -> assertThat(line)
                .startsWith("| `" + withoutEvents.getFirst().id() + "` |").endsWith("| none documented |"));
    }

    @Test
    void tasksMarkdownSaysNoForTasksNoLongerRootOnly() {
        List<RootTask> notRootOnly = TASKS.stream().filter(task -> !task.rootOnly()).toList();

        assertThat(notRootOnly).isNotEmpty();
        assertThat(run("tasks", "--markdown").outLines()).anySatisfy(line -> assertThat(line)
                .startsWith("| `" + notRootOnly.getFirst().id() + "` |").contains(") | no | "));
    }

    @Test
    void tasksListsEveryTaskWithItsCategoryForPeople() {
        var out = run("tasks").out();

        assertThat(TASKS).allSatisfy(task -> assertThat(out).contains(task.id()));
        assertThat(out).contains("ROOT_CREDENTIAL_CHANGE", "ROOT_ONLY_TASK", "iam:CreateAccessKey").doesNotContain("| ");
    }

    @Test
    void severitiesMarkdownNumbersTheRulesInTheOrderTheyAreTried() {
        var lines = run("severities", "--markdown").outLines();

        assertThat(lines.subList(0, 2)).containsExactly("| # | severity | when |", "|---|---|---|");
        assertThat(lines.subList(2, lines.size())).hasSize(RULES.size());
        for (int i = 0; i < RULES.size(); i++) {
            assertThat(lines.get(i + 2)).isEqualTo("| " + (i + 1) + " | " + RULES.get(i).severity() + " | " + RULES.get(i).when() + " |");
        }
    }

    @Test
    void severitiesListsTheRulesInOrderForPeople() {
        var lines = run("severities").outLines();

        assertThat(lines).hasSize(RULES.size() + 1);
        assertThat(lines.get(1)).startsWith("1  " + RULES.getFirst().severity());
    }
}
