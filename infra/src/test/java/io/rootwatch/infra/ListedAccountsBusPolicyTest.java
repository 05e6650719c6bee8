package io.rootwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without an organization, the central bus admits exactly the listed accounts' forwarders. */
class ListedAccountsBusPolicyTest {
    private static JsonNode template;

    @BeforeAll
    static void synthesize() {
        App app = Synthesized.app(Map.of(
                RootwatchSettings.CENTRAL_ACCOUNT, "111122223333",
                RootwatchSettings.SINGLE_ACCOUNT_IDS, "444455556666,210987654321"));
        DetectorStack stack = RootwatchApp.build(app, Synthesized.detectorJar());
        template = Synthesized.JSON.valueToTree(Template.fromStack(stack).toJSON());
    }

    private static List<JsonNode> busPolicies() {
        List<JsonNode> policies = new ArrayList<>();
        template.path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::Events::EventBusPolicy")) {
                policies.add(resource.path("Properties"));
            }
        });
        return policies;
    }

    @Test
    void eachListedAccountMayPutEventsOnTheCentralBus() {
        List<String> principals = new ArrayList<>();
        busPolicies().forEach(policy -> {
            assertThat(policy.path("Statement").path("Action").asText()).isEqualTo("events:PutEvents");
            principals.add(policy.path("Statement").path("Principal").path("AWS").toString());
        });

        assertThat(String.join(" ", principals)).contains("444455556666").contains("210987654321");
    }

    @Test
    void noOtherPrincipalIsAdmitted() {
        assertThat(busPolicies()).allSatisfy(policy -> {
            assertThat(policy.path("Statement").path("Principal").toString()).doesNotContain("\"*\"");
            assertThat(policy.path("Statement").has("Condition")).isFalse();
        });
    }
}
