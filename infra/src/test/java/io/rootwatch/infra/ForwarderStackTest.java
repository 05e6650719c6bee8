package io.rootwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.rootwatch.testing.EventSamples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.event.ruler.Machine;
import software.constructs.IConstruct;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.rootwatch.infra.Synthesized.list;
import static io.rootwatch.infra.Synthesized.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organization mode: the StackSet and its forwarder template, and the ordinary forwarder stacks
 * for the management account and the central account's other regions. One synthesis of the whole
 * app, with the default forwarding regions and the central account's home region eu-west-1.
 */
class ForwarderStackTest {
    static final String CENTRAL = "111111111111";
    static final String MANAGEMENT = "222222222222";
    static final String ROOT_ID = "r-ab12";
    static final String HOME = "eu-west-1";
    static final String BUS_ARN = "arn:aws:events:" + HOME + ":" + CENTRAL + ":event-bus/" + DetectorStack.BUS_NAME;

    private static App app;
    private static DetectorStack central;
    private static JsonNode centralTemplate;
    private static ForwarderStackSetStack stackSetStack;
    private static JsonNode stackSet;
    private static String templateBody;
    private static JsonNode forwarder;
    private static List<ForwarderStack> forwarderStacks;
    private static Machine machine;

    static Map<String, Object> context() {
        Map<String, Object> context = new LinkedHashMap<>(Synthesized.fullContext());
        context.put(RootwatchSettings.HOME_REGION, HOME);
        context.put(RootwatchSettings.CENTRAL_ACCOUNT, CENTRAL);
        context.put(RootwatchSettings.MANAGEMENT_ACCOUNT, MANAGEMENT);
        context.put(RootwatchSettings.ORGANIZATION_ROOT_ID, ROOT_ID);
        return context;
    }

    @BeforeAll
    static void synthesize() throws Exception {
        app = Synthesized.app(context());
        central = RootwatchApp.build(app, Synthesized.detectorJar());
        CloudAssembly assembly = app.synth();
        centralTemplate = Synthesized.JSON.valueToTree(assembly.getStackArtifact(central.getArtifactId()).getTemplate());
        forwarderStacks = new ArrayList<>();
        for (IConstruct child : app.getNode().getChildren()) {
            if (child instanceof ForwarderStack stack) {
                forwarderStacks.add(stack);
            } else if (child instanceof ForwarderStackSetStack stack) {
                stackSetStack = stack;
            }
        }
        JsonNode stackSetTemplate = Synthesized.JSON.valueToTree(assembly.getStackArtifact(stackSetStack.getArtifactId()).getTemplate());
        stackSet = only(stackSetTemplate, "AWS::CloudFormation::StackSet").path("Properties");
        templateBody = stackSet.path("TemplateBody").asText();
        forwarder = Synthesized.parse(templateBody);

        writeForCfnLint(assembly);

        machine = new Machine();
        machine.addRule("forwarder", only(forwarder, "AWS::Events::Rule").path("Properties").path("EventPattern").toString());
    }

    /**
     * The StackSet's template and the forwarder template it carries, next to the full app's
     * templates that CI lints with cfn-lint (the full app is synthesized first: it empties its
     * directory when it is, and only once per JVM).
     */
    private static void writeForCfnLint(CloudAssembly assembly) throws Exception {
        Synthesized.full();
        Path dir = Synthesized.CLOUD_ASSEMBLY;
        Files.writeString(dir.resolve("Organization-ForwarderStackSet.template.json"),
                Synthesized.JSON.writeValueAsString(assembly.getStackArtifact(stackSetStack.getArtifactId()).getTemplate()));
        Files.writeString(dir.resolve("Organization-Forwarder.template.json"), templateBody);
    }

    private static JsonNode only(JsonNode template, String type) {
        List<JsonNode> found = ofType(template, type);
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }

    private static List<JsonNode> ofType(JsonNode template, String type) {
        List<JsonNode> found = new ArrayList<>();
        template.path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().equals(type)) {
                found.add(resource);
            }
        });
        return found;
    }

    private static List<String> regionsOf(String account) {
        return forwarderStacks.stream().filter(stack -> stack.getAccount().equals(account)).map(Stack::getRegion).toList();
    }

    // ---- the StackSet's template ----

    @Test
    void theForwarderTemplateHasNoAssetsNoCodeAndNoBootstrapCheck() {
        forwarder.path("Resources").forEach(resource -> assertThat(resource.path("Type").asText())
                .doesNotStartWith("AWS::Lambda::").doesNotStartWith("Custom::")
                .isNotEqualTo("AWS::CloudFormation::CustomResource"));
        assertThat(forwarder.has("Parameters")).as("parameters (asset or BootstrapVersion)").isFalse();
        assertThat(forwarder.has("Rules")).as("the CDK bootstrap version rule").isFalse();
        assertThat(templateBody).doesNotContain("aws:asset").doesNotContain("cdk-hnb659fds").doesNotContain("BootstrapVersion");
    }

    @Test
    void theTemplatesAreWrittenForCfnLint() {
        assertThat(Synthesized.CLOUD_ASSEMBLY.resolve("Organization-Forwarder.template.json")).hasContent(templateBody);
        assertThat(Synthesized.CLOUD_ASSEMBLY.resolve("Organization-ForwarderStackSet.template.json")).isRegularFile();
    }

    @Test
    void theForwarderTemplateFitsInAnInlineTemplateBody() {
        assertThat(templateBody.getBytes(StandardCharsets.UTF_8).length).isLessThan(ForwarderStackSetStack.MAX_TEMPLATE_BODY_BYTES);
    }

    @Test
    void theStackSetIsServiceManagedAndDeploysToNewAccounts() {
        assertThat(stackSet.path("PermissionModel").asText()).isEqualTo("SERVICE_MANAGED");
        assertThat(stackSet.path("AutoDeployment").path("Enabled").asBoolean()).isTrue();
        assertThat(stackSet.path("AutoDeployment").path("RetainStacksOnAccountRemoval").asBoolean(true)).isFalse();
        assertThat(stackSet.path("CallAs").asText()).isEqualTo("SELF");
        assertThat(strings(stackSet.path("Capabilities"))).containsExactly("CAPABILITY_IAM");
    }

    @Test
    void theStackSetDeploysInParallelToleratingSomeFailures() {
        JsonNode preferences = stackSet.path("OperationPreferences");
        assertThat(preferences.path("RegionConcurrencyType").asText()).isEqualTo("PARALLEL");
        assertThat(preferences.path("MaxConcurrentPercentage").asInt()).isEqualTo(100);
        assertThat(preferences.path("FailureTolerancePercentage").asInt()).isEqualTo(10);
    }

    @Test
    void theStackSetCoversTheOrganizationRootInEveryDefaultRegionIncludingUsEast1() {
        JsonNode group = list(stackSet.path("StackInstancesGroup")).get(0);
        assertThat(strings(group.path("DeploymentTargets").path("OrganizationalUnitIds"))).containsExactly(ROOT_ID);
        assertThat(strings(group.path("Regions"))).contains("us-east-1")
                .containsExactlyInAnyOrderElementsOf(Forwarding.DEFAULT_REGIONS);
    }

    @Test
    void theStackSetLeavesOutTheCentralAccount() {
        JsonNode targets = list(stackSet.path("StackInstancesGroup")).get(0).path("DeploymentTargets");
        assertThat(targets.path("AccountFilterType").asText()).isEqualTo("DIFFERENCE");
        assertThat(strings(targets.path("Accounts"))).containsExactly(CENTRAL);
    }

    @Test
    void theForwarderRoleMayOnlyPutEventsOnTheCentralBus() {
        JsonNode role = only(forwarder, "AWS::IAM::Role").path("Properties");
        assertThat(ofType(forwarder, "AWS::IAM::Policy")).isEmpty();
        assertThat(ofType(forwarder, "AWS::IAM::ManagedPolicy")).isEmpty();
        assertThat(role.has("ManagedPolicyArns")).isFalse();
        List<JsonNode> statements = new ArrayList<>();
        role.path("Policies").forEach(policy -> statements.addAll(Synthesized.statements(policy.path("PolicyDocument"))));
        assertThat(statements).singleElement().satisfies(statement -> {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            assertThat(strings(statement.path("Action"))).containsExactly("events:PutEvents");
            assertThat(strings(statement.path("Resource"))).containsExactly(BUS_ARN);
        });
    }

    @Test
    void onlyEventBridgeOfThisAccountMayAssumeTheForwarderRole() {
        JsonNode trust = only(forwarder, "AWS::IAM::Role").path("Properties").path("AssumeRolePolicyDocument");
        assertThat(Synthesized.statements(trust)).singleElement().satisfies(statement -> {
            assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
            assertThat(statement.path("Condition").path("StringEquals").path("aws:SourceAccount"))
                    .isEqualTo(Synthesized.ref("AWS::AccountId"));
        });
    }

    @Test
    void theRuleSendsEverythingRootDoesToTheCentralBusThroughTheRole() {
        JsonNode rule = only(forwarder, "AWS::Events::Rule").path("Properties");
        assertThat(rule.path("EventBusName").asText()).isEqualTo("default");
        assertThat(rule.path("State").asText()).isEqualTo("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
        assertThat(list(rule.path("Targets"))).singleElement().satisfies(target -> {
            assertThat(target.path("Arn").asText()).isEqualTo(BUS_ARN);
            assertThat(target.path("RoleArn").path("Fn::GetAtt").get(1).asText()).isEqualTo("Arn");
            assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isEqualTo(185);
            assertThat(target.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt()).isEqualTo(86_400);
            assertThat(target.path("DeadLetterConfig").path("Arn").path("Fn::GetAtt").get(1).asText()).isEqualTo("Arn");
        });
    }

    @Test
    void theDeadLetterQueueUsesSqsManagedEncryptionAndNoKeyExists() {
        JsonNode queue = only(forwarder, "AWS::SQS::Queue").path("Properties");
        assertThat(queue.path("SqsManagedSseEnabled").asBoolean()).isTrue();
        assertThat(queue.has("KmsMasterKeyId")).isFalse();
        assertThat(ofType(forwarder, "AWS::KMS::Key")).isEmpty();
        assertThat(ofType(forwarder, "AWS::KMS::Alias")).isEmpty();
    }

    @Test
    void theDeadLetterQueueHasTheSameNameInEveryAccountAndRegion() {
        assertThat(only(forwarder, "AWS::SQS::Queue").path("Properties").path("QueueName").asText())
                .isEqualTo("rootwatch-forwarder-dead-letters");
    }

    @Test
    void theDeadLetterQueueKeepsFourteenDaysAndRefusesPlainHttp() {
        JsonNode queue = only(forwarder, "AWS::SQS::Queue").path("Properties");
        assertThat(queue.path("MessageRetentionPeriod").asInt()).isEqualTo(14 * 24 * 3600);
        List<JsonNode> statements = Synthesized.statements(only(forwarder, "AWS::SQS::QueuePolicy").path("Properties").path("PolicyDocument"));
        assertThat(statements).anySatisfy(statement -> {
            assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
            assertThat(statement.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
        });
    }

    @Test
    void onlyTheForwarderRuleMaySendToTheDeadLetterQueue() {
        List<JsonNode> statements = Synthesized.statements(only(forwarder, "AWS::SQS::QueuePolicy").path("Properties").path("PolicyDocument"));
        String ruleId = logicalIdOf("AWS::Events::Rule");
        assertThat(statements).filteredOn(s -> s.path("Effect").asText().equals("Allow")).singleElement().satisfies(statement -> {
            assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
            assertThat(strings(statement.path("Action"))).containsExactly("sqs:SendMessage");
            assertThat(statement.path("Condition").path("ArnEquals").path("aws:SourceArn")).isEqualTo(Synthesized.arn(ruleId));
        });
    }

    @Test
    void anAlarmFiresWhenAnEventReachesTheDeadLetterQueue() {
        JsonNode alarm = only(forwarder, "AWS::CloudWatch::Alarm").path("Properties");
        assertThat(alarm.path("MetricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
        assertThat(alarm.path("Namespace").asText()).isEqualTo("AWS/SQS");
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
        assertThat(alarm.path("Threshold").asDouble()).isZero();
        assertThat(list(alarm.path("Dimensions")).get(0).path("Value").path("Fn::GetAtt").get(0).asText())
                .isEqualTo(logicalIdOf("AWS::SQS::Queue"));
    }

    private static String logicalIdOf(String type) {
        List<String> ids = new ArrayList<>();
        forwarder.path("Resources").properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                ids.add(e.getKey());
            }
        });
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    // ---- the pattern ----

    @Test
    void theForwarderPatternIsTheCentralRulesPattern() {
        List<JsonNode> centralPatterns = ofType(centralTemplate, "AWS::Events::Rule").stream()
                .map(rule -> rule.path("Properties").path("EventPattern")).toList();
        JsonNode forwarderPattern = only(forwarder, "AWS::Events::Rule").path("Properties").path("EventPattern");
        assertThat(centralPatterns).hasSize(2).allSatisfy(pattern -> assertThat(pattern).isEqualTo(forwarderPattern));
    }

    static List<EventSamples.Sample> samples() {
        return EventSamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theForwarderForwardsASampleIffItIsRootActivity(EventSamples.Sample sample) throws Exception {
        List<String> matched = machine.rulesForJSONEvent(sample.envelope().toString());
        assertThat(matched).as("%s: %s", sample, sample.description())
                .isEqualTo(sample.isRootActivity() ? List.of("forwarder") : List.of());
    }

    // ---- the ordinary forwarder stacks ----

    @Test
    void noForwarderStackIsInTheCentralAccountsHomeRegion() {
        assertThat(regionsOf(CENTRAL)).isNotEmpty().doesNotContain(HOME);
    }

    @Test
    void theCentralAccountHasAForwarderInEveryOtherRegion() {
        List<String> expected = Forwarding.DEFAULT_REGIONS.stream().filter(r -> !r.equals(HOME)).toList();
        assertThat(regionsOf(CENTRAL)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theManagementAccountHasAForwarderInEveryRegion() {
        assertThat(regionsOf(MANAGEMENT)).containsExactlyInAnyOrderElementsOf(Forwarding.DEFAULT_REGIONS);
    }

    @Test
    void everyForwarderStackIsInTheManagementOrTheCentralAccount() {
        assertThat(forwarderStacks).extracting(Stack::getAccount).containsOnly(MANAGEMENT, CENTRAL);
    }

    @Test
    void theAppIsTheCentralStackTheStackSetAndOneForwarderStackPerAccountAndRegion() {
        List<String> expected = new ArrayList<>(List.of("Rootwatch", "RootwatchForwarderStackSet"));
        Forwarding.DEFAULT_REGIONS.forEach(region -> expected.add("RootwatchForwarder-Management-" + region));
        Forwarding.DEFAULT_REGIONS.stream().filter(region -> !region.equals(HOME))
                .forEach(region -> expected.add("RootwatchForwarder-Central-" + region));
        assertThat(app.getNode().getChildren()).filteredOn(Stack.class::isInstance).map(child -> ((Stack) child).getStackName())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theStackSetIsDeployedInTheManagementAccountsHomeRegion() {
        assertThat(stackSetStack.getAccount()).isEqualTo(MANAGEMENT);
        assertThat(stackSetStack.getRegion()).isEqualTo(HOME);
    }

    @Test
    void theForwarderStacksDeployTheStackSetsTemplateWithTheirAccountFilledIn() {
        CloudAssembly assembly = app.synth();
        for (ForwarderStack stack : forwarderStacks) {
            JsonNode template = Synthesized.JSON.valueToTree(assembly.getStackArtifact(stack.getArtifactId()).getTemplate());
            String expected = forwarder.path("Resources").toString()
                    .replace("{\"Ref\":\"AWS::AccountId\"}", "\"" + stack.getAccount() + "\"");
            assertThat(template.path("Resources").toString()).as(stack.getStackName()).isEqualTo(expected);
            assertThat(template.has("Parameters")).as(stack.getStackName()).isFalse();
        }
    }

    // ---- cdk-nag ----

    @Test
    void cdkNagFindsNothingUnsuppressedInAnyForwarderRelatedStack() {
        List<Stack> stacks = new ArrayList<>(forwarderStacks);
        stacks.add(stackSetStack);
        assertThat(stacks).hasSize(1 + 17 + 16);
        List<String> findings = new ArrayList<>();
        for (Stack stack : stacks) {
            Annotations annotations = Annotations.fromStack(stack);
            for (SynthesisMessage message : annotations.findError("*", Match.anyValue())) {
                findings.add(stack.getStackName() + " error " + message.getId() + ": " + message.getEntry().getData());
            }
            for (SynthesisMessage message : annotations.findWarning("*", Match.anyValue())) {
                findings.add(stack.getStackName() + " warning " + message.getId() + ": " + message.getEntry().getData());
            }
        }
        assertThat(findings).isEmpty();
    }
}
