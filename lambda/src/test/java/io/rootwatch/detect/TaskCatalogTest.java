package io.rootwatch.detect;

import io.rootwatch.testing.EventSamples;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskCatalogTest {
    private static final TaskCatalog CATALOG = TaskCatalog.bundled();

    @Test
    void holdsEveryRowOfTheReferenceTableInItsOrder() {
        assertThat(CATALOG.tasks()).extracting(RootTask::id).containsExactly(
                "root-password-change", "root-password-recovery", "root-email-change", "root-access-key",
                "root-mfa-device", "root-signing-certificate", "change-account-settings", "close-account",
                "restore-iam-permissions", "billing-iam-access", "tax-invoices", "s3-mfa-delete",
                "s3-bucket-policy-unlock", "sqs-queue-policy-unlock", "govcloud-signup", "ri-marketplace-seller",
                "kms-key-recovery", "mturk-link", "support-plan-change", "account-settings-change");
    }

    @Test
    void theFirstSixTasksAreChangesToRootsOwnCredentials() {
        assertThat(CATALOG.tasks().subList(0, 6)).allMatch(t -> t.category() == Category.ROOT_CREDENTIAL_CHANGE);
        assertThat(CATALOG.tasks().subList(6, CATALOG.tasks().size()))
                .noneMatch(t -> t.category() == Category.ROOT_CREDENTIAL_CHANGE);
    }

    @Test
    void olderListTasksAreNotRootOnly() {
        assertThat(CATALOG.tasks()).filteredOn(t -> !t.rootOnly()).extracting(RootTask::id)
                .containsExactly("support-plan-change", "account-settings-change");
    }

    @ParameterizedTest
    @ValueSource(strings = {"govcloud-signup", "ri-marketplace-seller", "kms-key-recovery", "mturk-link"})
    void tasksWithNoDocumentedEventAreListedButNeverMatched(String id) {
        assertThat(CATALOG.task(id)).hasValueSatisfying(t -> assertThat(t.hasCloudTrailEvent()).isFalse());
    }

    @Test
    void everyTaskLinksToAwsDocumentation() {
        assertThat(CATALOG.tasks()).allSatisfy(t -> assertThat(t.documentation()).startsWith("https://docs.aws.amazon.com/"));
    }

    @Test
    void aTaskAddedToTheDataIsMatchedWithoutNewCode() throws Exception {
        TaskCatalog catalog = TaskCatalog.parse(EventSamples.MAPPER.readTree("""
                {"tasks": [{"id": "example-task", "title": "An example", "documentation": "https://docs.aws.amazon.com/x",
                  "rootOnly": true, "events": [{"sources": ["example.amazonaws.com"], "names": ["DoThing"],
                  "when": [{"requestParameters.target": {"equalsIgnoreCase": ["Everything"]}}]}]}]}
                """));
        RootActivityClassifier classifier = new RootActivityClassifier(catalog);

        Verdict verdict = classifier.classify(Events.rootCall("example.amazonaws.com", "DoThing",
                "requestParameters.target", "everything"));

        assertThat(verdict.category()).isEqualTo(Category.ROOT_ONLY_TASK);
        assertThat(verdict.taskId()).contains("example-task");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"tasks\": [{\"title\": \"t\", \"documentation\": \"d\", \"rootOnly\": true}]}",
            "{\"tasks\": [{\"id\": \"a\", \"title\": \"t\", \"documentation\": \"d\"}]}",
            "{\"tasks\": [{\"id\": \"a\", \"title\": \"t\", \"documentation\": \"d\", \"rootOnly\": true, \"events\": [{\"sources\": [\"s\"], \"names\": [\"n\"], \"when\": [{\"x\": {\"regex\": \".*\"}}]}]}]}",
            "{\"tasks\": [{\"id\": \"a\", \"title\": \"t\", \"documentation\": \"d\", \"rootOnly\": true, \"events\": [{\"names\": [\"n\"]}]}]}",
            "{\"tasks\": [{\"id\": \"a\", \"title\": \"t\", \"documentation\": \"d\", \"rootOnly\": true}, {\"id\": \"a\", \"title\": \"t\", \"documentation\": \"d\", \"rootOnly\": true}]}"})
    void aMalformedCatalogIsRefusedWithAMessageNamingTheFault(String json) throws Exception {
        JsonNode document = EventSamples.MAPPER.readTree(json);

        assertThatThrownBy(() -> TaskCatalog.parse(document))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("task catalog");
    }
}
