package io.rootwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rootwatch:forwarderDlqAlarms=none}: every forwarder keeps its dead-letter queue but has
 * no alarm, the one resource billed while idle; nothing else changes, in the StackSet's template
 * as in the ordinary forwarder stacks.
 */
class ForwarderDeadLetterAlarmsTest {
    private static final String HOME = "eu-west-1";
    private static final String BUS_ARN = "arn:aws:events:" + HOME + ":111111111111:event-bus/" + DetectorStack.BUS_NAME;

    private static JsonNode stackSetTemplateBody;
    private static List<Stack> forwarderRelatedStacks;
    private static Map<ForwarderStack, JsonNode> forwarders;
    private static JsonNode withAlarm;
    private static JsonNode withoutAlarm;

    @BeforeAll
    static void synthesize() throws Exception {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(RootwatchSettings.HOME_REGION, HOME);
        context.put(RootwatchSettings.ORGANIZATION_ID, "o-a1b2c3d4e5");
        context.put(RootwatchSettings.ORGANIZATION_ROOT_ID, "r-ab12");
        context.put(RootwatchSettings.CENTRAL_ACCOUNT, "111111111111");
        context.put(RootwatchSettings.MANAGEMENT_ACCOUNT, "222222222222");
        context.put(RootwatchSettings.FORWARDER_REGIONS, List.of("us-east-1", HOME));
        context.put(RootwatchSettings.FORWARDER_DLQ_ALARMS, "none");
        App app = Synthesized.app(context);
        RootwatchApp.build(app, Synthesized.detectorJar());
        CloudAssembly assembly = app.synth();

        forwarderRelatedStacks = new ArrayList<>();
        forwarders = new LinkedHashMap<>();
        for (var child : app.getNode().getChildren()) {
            if (child instanceof ForwarderStack stack) {
                forwarderRelatedStacks.add(stack);
                forwarders.put(stack, Synthesized.JSON.valueToTree(assembly.getStackArtifact(stack.getArtifactId()).getTemplate()));
            } else if (child instanceof ForwarderStackSetStack stack) {
                forwarderRelatedStacks.add(stack);
                stackSetTemplateBody = Synthesized.parse(stack.templateBody());
            }
        }
        withAlarm = Synthesized.parse(ForwarderStackSetStack.forwarderTemplate(BUS_ARN, Forwarding.DeadLetterAlarms.EVERY_REGION));
        withoutAlarm = Synthesized.parse(ForwarderStackSetStack.forwarderTemplate(BUS_ARN, Forwarding.DeadLetterAlarms.NONE));

        // For cfn-lint after the tests (the full app empties the directory when synthesized).
        Synthesized.full();
        Files.writeString(Synthesized.CLOUD_ASSEMBLY.resolve("Organization-ForwarderWithoutAlarm.template.json"),
                Synthesized.JSON.writeValueAsString(stackSetTemplateBody));
    }

    private static List<String> types(JsonNode template) {
        List<String> types = new ArrayList<>();
        template.path("Resources").forEach(resource -> types.add(resource.path("Type").asText()));
        return types;
    }

    @Test
    void theStackSetsForwarderHasItsDeadLetterQueueButNoAlarm() {
        assertThat(types(stackSetTemplateBody)).contains("AWS::SQS::Queue", "AWS::Events::Rule").doesNotContain("AWS::CloudWatch::Alarm");
    }

    @Test
    void noForwarderStackHasAnAlarm() {
        assertThat(forwarders).hasSize(3);   // management: us-east-1 and eu-west-1; central: us-east-1
        forwarders.forEach((stack, template) -> {
            assertThat(types(template)).as(stack.getStackName()).contains("AWS::SQS::Queue").doesNotContain("AWS::CloudWatch::Alarm");
            assertThat(stack.deadLetterAlarm()).as(stack.getStackName()).isEmpty();
        });
    }

    @Test
    void theRuleStillDeadLettersToItsQueue() {
        String queue = logicalIdOf(withoutAlarm, "AWS::SQS::Queue");
        withoutAlarm.path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().equals("AWS::Events::Rule")) {
                JsonNode target = Synthesized.list(resource.path("Properties").path("Targets")).get(0);
                assertThat(target.path("DeadLetterConfig").path("Arn")).isEqualTo(Synthesized.arn(queue));
            }
        });
    }

    @Test
    void leavingOutTheAlarmChangesNothingElse() {
        ObjectNode expected = withAlarm.deepCopy();
        ((ObjectNode) expected.path("Resources")).remove(logicalIdOf(withAlarm, "AWS::CloudWatch::Alarm"));
        assertThat(withoutAlarm).isEqualTo(expected);
    }

    @Test
    void cdkNagFindsNothingUnsuppressedWithoutTheAlarm() {
        List<String> findings = new ArrayList<>();
        for (Stack stack : forwarderRelatedStacks) {
            Annotations annotations = Annotations.fromStack(stack);
            annotations.findError("*", Match.anyValue()).forEach(m -> findings.add(stack.getStackName() + " " + m.getEntry().getData()));
            annotations.findWarning("*", Match.anyValue()).forEach(m -> findings.add(stack.getStackName() + " " + m.getEntry().getData()));
        }
        assertThat(findings).isEmpty();
    }

    private static String logicalIdOf(JsonNode template, String type) {
        List<String> ids = new ArrayList<>();
        template.path("Resources").properties().forEach(entry -> {
            if (entry.getValue().path("Type").asText().equals(type)) {
                ids.add(entry.getKey());
            }
        });
        assertThat(ids).as(type).hasSize(1);
        return ids.get(0);
    }
}
