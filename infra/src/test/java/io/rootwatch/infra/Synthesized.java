package io.rootwatch.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The rootwatch app synthesized with some CDK context, as the tests read it: the stack, its
 * template for {@code Template} assertions, and the same template as JSON to walk.
 *
 * <p>Synthesis costs seconds (jsii runs the CDK in Node), so each variant is synthesized once per
 * test JVM and shared by every test class that asks for it.
 */
record Synthesized(String variant, App app, DetectorStack stack, Template template, JsonNode json) {
    /** Where the {@link #full()} app writes its cloud assembly: cfn-lint reads it after the tests. */
    static final Path CLOUD_ASSEMBLY = moduleDir().resolve("target/cdk.out");

    static final String ALICE = "alice@example.com";
    static final String BOB = "bob@example.com";
    static final String SLACK_WORKSPACE = "T07EXAMPLE1";
    static final String SLACK_CHANNEL = "C07EXAMPLE1";
    static final String TEAMS_TENANT = "11111111-2222-3333-4444-555555555555";
    static final String TEAMS_TEAM = "66666666-7777-8888-9999-000000000000";
    /** As CloudFormation wants it: the id Teams shows ({@code 19:...@thread.tacv2}), URL-encoded. */
    static final String TEAMS_CHANNEL = "19%3a0123456789abcdef0123456789abcdef%40thread.tacv2";
    static final String ACCOUNT = "111122223333";
    static final String ACCOUNT_NAME = "prod-payments";

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Synthesized> CACHE = new ConcurrentHashMap<>();

    /** No context at all: the defaults, no subscriber, no chat channel. */
    static Synthesized minimal() {
        return CACHE.computeIfAbsent("minimal", variant -> synth(variant, Map.of(), null));
    }

    /** Every optional setting on, so that every resource type appears; written to {@link #CLOUD_ASSEMBLY}. */
    static Synthesized full() {
        return CACHE.computeIfAbsent("full", variant -> synth(variant, fullContext(), CLOUD_ASSEMBLY));
    }

    /**
     * A test account: the table and key go with the stack; emails as {@code -c key=a,b} passes
     * them (one comma-separated string), with no severity filter.
     */
    static Synthesized testAccount() {
        return CACHE.computeIfAbsent("testAccount", variant -> synth(variant, Map.of(
                RootwatchSettings.REMOVAL_POLICY, "destroy",
                RootwatchSettings.ALERT_EMAILS, ALICE + ", " + BOB), null));
    }

    static Synthesized variant(String name) {
        return switch (name) {
            case "minimal" -> minimal();
            case "full" -> full();
            case "testAccount" -> testAccount();
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Map<String, Object> fullContext() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(RootwatchSettings.HOME_REGION, "eu-west-1");
        context.put(RootwatchSettings.ALERT_EMAILS, List.of(ALICE, BOB));
        context.put(RootwatchSettings.EMAIL_SEVERITIES, List.of("CRITICAL", "HIGH"));
        context.put(RootwatchSettings.SLACK_WORKSPACE_ID, SLACK_WORKSPACE);
        context.put(RootwatchSettings.SLACK_CHANNEL_ID, SLACK_CHANNEL);
        context.put(RootwatchSettings.TEAMS_TENANT_ID, TEAMS_TENANT);
        context.put(RootwatchSettings.TEAMS_TEAM_ID, TEAMS_TEAM);
        context.put(RootwatchSettings.TEAMS_CHANNEL_ID, TEAMS_CHANNEL);
        context.put(RootwatchSettings.RETENTION_DAYS, 400);
        context.put(RootwatchSettings.ACCOUNT_NAMES, Map.of(ACCOUNT, ACCOUNT_NAME));
        context.put(RootwatchSettings.ORGANIZATION_ID, "o-a1b2c3d4e5");
        context.put(RootwatchSettings.REMOVAL_POLICY, "retain");
        return context;
    }

    /** A new app with this context, nothing in it yet. */
    static App app(Map<String, Object> context) {
        return new App(AppProps.builder().context(context).build());
    }

    static Path detectorJar() {
        return DetectorJar.locate();
    }

    /** The module directory: surefire runs in it and says so in {@code basedir}. */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    private static Synthesized synth(String variant, Map<String, Object> context, Path outdir) {
        AppProps.Builder props = AppProps.builder().context(context);
        if (outdir != null) {
            deleteRecursively(outdir);
            props.outdir(outdir.toString());
        }
        App app = new App(props.build());
        DetectorStack stack = RootwatchApp.build(app, detectorJar());
        Template template = Template.fromStack(stack);
        return new Synthesized(variant, app, stack, template, JSON.valueToTree(template.toJSON()));
    }

    // ---- reading the template ----

    /** The logical id of the construct at this path under the stack, e.g. {@code Alerts/AlertTopic}. */
    String logicalId(String path) {
        IConstruct construct = stack;
        for (String id : path.split("/")) {
            construct = construct.getNode().findChild(id);
        }
        CfnElement element = construct instanceof CfnElement cfn ? cfn : (CfnElement) construct.getNode().getDefaultChild();
        return stack.getLogicalId(element);
    }

    JsonNode resource(String logicalId) {
        JsonNode resource = json.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new AssertionError("no resource " + logicalId + " in the template");
        }
        return resource;
    }

    JsonNode properties(String logicalId) {
        return resource(logicalId).path("Properties");
    }

    /** Logical id to resource, in template order. */
    Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        json.path("Resources").properties().forEach(entry -> {
            if (type.equals(entry.getValue().path("Type").asText())) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    /** Every statement of every identity policy: AWS::IAM::Policy, AWS::IAM::ManagedPolicy and roles' inline policies. */
    List<JsonNode> identityStatements() {
        List<JsonNode> statements = new ArrayList<>();
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            resourcesOfType(type).values().forEach(policy -> statements.addAll(statements(policy.path("Properties").path("PolicyDocument"))));
        }
        resourcesOfType("AWS::IAM::Role").values().forEach(role -> role.path("Properties").path("Policies")
                .forEach(policy -> statements.addAll(statements(policy.path("PolicyDocument")))));
        return statements;
    }

    /** The statements of the AWS::IAM::Policy resources attached to this role. */
    List<JsonNode> statementsOfRole(String roleLogicalId) {
        List<JsonNode> statements = new ArrayList<>();
        resourcesOfType("AWS::IAM::Policy").values().forEach(policy -> {
            if (contains(policy.path("Properties").path("Roles"), ref(roleLogicalId))) {
                statements.addAll(statements(policy.path("Properties").path("PolicyDocument")));
            }
        });
        return statements;
    }

    static List<JsonNode> statements(JsonNode policyDocument) {
        return list(policyDocument.path("Statement"));
    }

    /** A value CloudFormation allows as one item or a list, as a list. */
    static List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            items.add(node);
        }
        return items;
    }

    static List<String> strings(JsonNode node) {
        return list(node).stream().map(JsonNode::asText).toList();
    }

    static boolean contains(JsonNode listOrItem, JsonNode value) {
        return list(listOrItem).contains(value);
    }

    static JsonNode ref(String logicalId) {
        return JSON.createObjectNode().put("Ref", logicalId);
    }

    static JsonNode getAtt(String logicalId, String attribute) {
        ObjectNode node = JSON.createObjectNode();
        node.putArray("Fn::GetAtt").add(logicalId).add(attribute);
        return node;
    }

    static JsonNode arn(String logicalId) {
        return getAtt(logicalId, "Arn");
    }

    /** {@code Fn::Join ["", [parts...]]}, parts being strings or JSON. */
    static JsonNode join(Object... parts) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode join = node.putArray("Fn::Join");
        join.add("");
        ArrayNode list = join.addArray();
        for (Object part : parts) {
            if (part instanceof JsonNode json) {
                list.add(json);
            } else {
                list.add(part.toString());
            }
        }
        return node;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return variant;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
