package io.rootwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.CloudAssembly;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.rootwatch.infra.Synthesized.list;
import static io.rootwatch.infra.Synthesized.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single-account mode: no StackSet; the central account's forwarders in every region but the
 * home region (whose default bus the central stack's rule already watches), and each listed
 * account's forwarders in every region, home region included, as stacks of their own.
 */
class SingleAccountForwardingTest {
    private static final String CENTRAL = "333333333333";
    private static final String HOME = "eu-central-1";
    private static final String FIRST = "444455556666";
    private static final String SECOND = "210987654321";
    private static final String BUS_ARN = "arn:aws:events:" + HOME + ":" + CENTRAL + ":event-bus/" + DetectorStack.BUS_NAME;
    /** The forwarding regions as configured; us-east-1 is added. */
    private static final List<String> REGIONS = List.of("us-east-1", "eu-central-1", "eu-west-1", "us-west-2");

    private static List<Stack> stacks;
    private static List<ForwarderStack> forwarders;
    private static Map<ForwarderStack, JsonNode> templates;

    @BeforeAll
    static void synthesize() throws Exception {
        App app = Synthesized.app(Map.of(
                RootwatchSettings.HOME_REGION, HOME,
                RootwatchSettings.CENTRAL_ACCOUNT, CENTRAL,
                // The central account listed too, as users may: it must not get a second set of forwarders.
                RootwatchSettings.SINGLE_ACCOUNT_IDS, FIRST + "," + CENTRAL + "," + SECOND,
                RootwatchSettings.FORWARDER_REGIONS, List.of("eu-central-1", "eu-west-1", "us-west-2")));
        RootwatchApp.build(app, Synthesized.detectorJar());
        CloudAssembly assembly = app.synth();
        stacks = app.getNode().getChildren().stream().filter(Stack.class::isInstance).map(Stack.class::cast).toList();
        forwarders = stacks.stream().filter(ForwarderStack.class::isInstance).map(ForwarderStack.class::cast).toList();
        templates = new LinkedHashMap<>();
        for (ForwarderStack stack : forwarders) {
            templates.put(stack, Synthesized.JSON.valueToTree(assembly.getStackArtifact(stack.getArtifactId()).getTemplate()));
        }
        // A listed account's forwarder, for cfn-lint after the tests (the full app empties the directory when synthesized).
        Synthesized.full();
        ForwarderStack listed = forwarders.stream().filter(stack -> stack.getAccount().equals(FIRST)).findFirst().orElseThrow();
        Files.writeString(Synthesized.CLOUD_ASSEMBLY.resolve("SingleAccount-ListedAccountForwarder.template.json"),
                Synthesized.JSON.writeValueAsString(templates.get(listed)));
    }

    private static List<String> regionsOf(String account) {
        return forwarders.stream().filter(stack -> stack.getAccount().equals(account)).map(Stack::getRegion).toList();
    }

    private static JsonNode onlyRule(ForwarderStack stack) {
        List<JsonNode> rules = new ArrayList<>();
        templates.get(stack).path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::Events::Rule")) {
                rules.add(resource.path("Properties"));
            }
        });
        assertThat(rules).as(stack.getStackName()).hasSize(1);
        return rules.get(0);
    }

    @Test
    void theAppIsTheCentralStackAndOneForwarderStackPerAccountAndRegion() {
        List<String> expected = new ArrayList<>(List.of("Rootwatch",
                "RootwatchForwarder-Central-us-east-1", "RootwatchForwarder-Central-eu-west-1", "RootwatchForwarder-Central-us-west-2"));
        for (String account : List.of(FIRST, SECOND)) {
            REGIONS.forEach(region -> expected.add("RootwatchForwarder-" + account + "-" + region));
        }
        assertThat(stacks).extracting(Stack::getStackName).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void singleAccountModeHasNoStackSet() {
        assertThat(stacks).noneMatch(ForwarderStackSetStack.class::isInstance);
    }

    @Test
    void theCentralAccountForwardsFromEveryRegionButItsHomeRegionAndUsEast1IsAdded() {
        assertThat(regionsOf(CENTRAL)).containsExactlyInAnyOrder("us-east-1", "eu-west-1", "us-west-2");
    }

    @Test
    void noForwarderWatchesTheCentralAccountsHomeDefaultBusWhichTheCentralRuleWatches() {
        assertThat(forwarders).noneMatch(stack -> stack.getAccount().equals(CENTRAL) && stack.getRegion().equals(HOME));
    }

    @Test
    void eachListedAccountForwardsFromEveryRegionTheHomeRegionIncluded() {
        assertThat(regionsOf(FIRST)).containsExactlyInAnyOrderElementsOf(REGIONS);
        assertThat(regionsOf(SECOND)).containsExactlyInAnyOrderElementsOf(REGIONS);
    }

    @Test
    void aListedAccountsStackIsNamedAfterItsAccountAndRegionAndDeploysThere() {
        forwarders.stream().filter(stack -> !stack.getAccount().equals(CENTRAL)).forEach(stack ->
                assertThat(stack.getStackName()).isEqualTo("RootwatchForwarder-" + stack.getAccount() + "-" + stack.getRegion()));
    }

    @Test
    void everyForwarderSendsTheDefaultBusesRootActivityToTheCentralBusOnly() {
        forwarders.forEach(stack -> {
            JsonNode rule = onlyRule(stack);
            assertThat(rule.path("EventBusName").asText()).as(stack.getStackName()).isEqualTo("default");
            assertThat(rule.path("State").asText()).as(stack.getStackName()).isEqualTo(DetectorStack.ALL_MANAGEMENT_EVENTS);
            assertThat(list(rule.path("Targets"))).as(stack.getStackName()).singleElement()
                    .satisfies(target -> assertThat(target.path("Arn").asText()).isEqualTo(BUS_ARN));
        });
    }

    @Test
    void everyForwarderRoleMayPutEventsOnTheCentralBusOnly() {
        forwarders.forEach(stack -> {
            List<JsonNode> statements = new ArrayList<>();
            templates.get(stack).path("Resources").forEach(resource -> resource.path("Properties").path("Policies")
                    .forEach(policy -> statements.addAll(Synthesized.statements(policy.path("PolicyDocument")))));
            assertThat(statements).as(stack.getStackName()).singleElement().satisfies(statement -> {
                assertThat(strings(statement.path("Action"))).containsExactly("events:PutEvents");
                assertThat(strings(statement.path("Resource"))).containsExactly(BUS_ARN);
            });
        });
    }

    @Test
    void theForwardersNeedNoBootstrapInTheirAccounts() {
        templates.forEach((stack, template) -> {
            assertThat(template.has("Parameters")).as(stack.getStackName()).isFalse();
            assertThat(template.has("Rules")).as(stack.getStackName()).isFalse();
        });
    }

    @Test
    void cdkNagFindsNothingUnsuppressedInTheForwarders() {
        List<String> findings = new ArrayList<>();
        for (ForwarderStack stack : forwarders) {
            Annotations annotations = Annotations.fromStack(stack);
            annotations.findError("*", Match.anyValue()).forEach(m -> findings.add(stack.getStackName() + " " + m.getEntry().getData()));
            annotations.findWarning("*", Match.anyValue()).forEach(m -> findings.add(stack.getStackName() + " " + m.getEntry().getData()));
        }
        assertThat(findings).isEmpty();
    }
}
