package io.rootwatch.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.rootwatch.deployment.DeploymentNames;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.cloudformation.CfnStackSet;
import software.constructs.Construct;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.List;
import java.util.Map;

/**
 * The service-managed StackSet that puts a {@link ForwarderStack} in every account of the
 * organizational units (and every account that joins them later), in every forwarding region.
 * Deployed in the management account, or in a delegated administrator with {@code DELEGATED_ADMIN}.
 *
 * <p>The central account is excluded: its home region's default bus is covered by the central
 * stack's own rule, and its other regions get ordinary forwarder stacks from the app.
 */
public final class ForwarderStackSetStack extends Stack {
    static final String STACK_SET_NAME = DeploymentNames.FORWARDER_STACK_SET;
    /** CloudFormation's limit for an inline TemplateBody. */
    static final int MAX_TEMPLATE_BODY_BYTES = 51_200;

    private final CfnStackSet stackSet;
    private final String templateBody;

    public ForwarderStackSetStack(Construct scope, String id, StackProps props, Forwarding forwarding) {
        super(scope, id, StackProps.builder()
                .description(props.getDescription())
                .env(props.getEnv())
                .synthesizer(new BootstraplessSynthesizer())
                .build());
        templateBody = forwarderTemplate(forwarding.centralBusArn(), forwarding.deadLetterAlarms());
        if (templateBody.getBytes(StandardCharsets.UTF_8).length >= MAX_TEMPLATE_BODY_BYTES) {
            throw new IllegalStateException("the forwarder template is over CloudFormation's " + MAX_TEMPLATE_BODY_BYTES
                    + "-byte TemplateBody limit");
        }
        stackSet = CfnStackSet.Builder.create(this, "Forwarders")
                .stackSetName(STACK_SET_NAME)
                .description("rootwatch: forwards root activity from every account and region to the central bus")
                .permissionModel("SERVICE_MANAGED")
                .autoDeployment(CfnStackSet.AutoDeploymentProperty.builder()
                        .enabled(true)
                        .retainStacksOnAccountRemoval(false)
                        .build())
                .callAs(forwarding.callAs())
                // The role is unnamed: CAPABILITY_IAM is enough, CAPABILITY_NAMED_IAM would grant more than needed.
                .capabilities(List.of("CAPABILITY_IAM"))
                .operationPreferences(CfnStackSet.OperationPreferencesProperty.builder()
                        .regionConcurrencyType("PARALLEL")
                        .maxConcurrentPercentage(100)
                        .failureTolerancePercentage(10)
                        .build())
                .stackInstancesGroup(List.of(CfnStackSet.StackInstancesProperty.builder()
                        .deploymentTargets(CfnStackSet.DeploymentTargetsProperty.builder()
                                .organizationalUnitIds(forwarding.organizationalUnits())
                                .accountFilterType("DIFFERENCE")
                                .accounts(List.of(forwarding.centralAccount()))
                                .build())
                        .regions(forwarding.regions())
                        .build()))
                .templateBody(templateBody)
                .build();
    }

    /**
     * The forwarder's template as JSON, synthesized in an app of its own (so that nothing of this
     * app, assets included, leaks into it), with the same cdk-nag checks.
     */
    static String forwarderTemplate(String centralBusArn, Forwarding.DeadLetterAlarms alarms) {
        Path outdir = null;
        try {
            outdir = Files.createTempDirectory("rootwatch-forwarder");
            App app = new App(AppProps.builder()
                    .outdir(outdir.toString())
                    .analyticsReporting(false)
                    .context(Map.of("aws:cdk:enable-path-metadata", false))
                    .build());
            ForwarderStack stack = new ForwarderStack(app, "RootwatchForwarder", StackProps.builder().build(), centralBusArn, alarms);
            Aspects.of(app).add(new AwsSolutionsChecks());
            CloudAssembly assembly = app.synth();
            Object template = assembly.getStackArtifact(stack.getArtifactId()).getTemplate();
            return new ObjectMapper().writeValueAsString(template);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(outdir);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CfnStackSet stackSet() {
        return stackSet;
    }

    public String templateBody() {
        return templateBody;
    }
}
