package io.rootwatch.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single-account mode: no StackSet, only the central account's forwarders, one per region of the
 * list except the home region (whose default bus the central stack's rule already watches).
 */
class SingleAccountForwardingTest {
    private static final String CENTRAL = "333333333333";
    private static final String HOME = "eu-central-1";

    private static List<IConstruct> stacks;
    private static List<ForwarderStack> forwarders;

    @BeforeAll
    static void synthesize() {
        App app = Synthesized.app(Map.of(
                RootwatchSettings.HOME_REGION, HOME,
                RootwatchSettings.CENTRAL_ACCOUNT, CENTRAL,
                RootwatchSettings.FORWARDER_REGIONS, List.of("eu-central-1", "eu-west-1", "us-west-2")));
        RootwatchApp.build(app, Synthesized.detectorJar());
        app.synth();
        stacks = new ArrayList<>(app.getNode().getChildren());
        forwarders = stacks.stream().filter(ForwarderStack.class::isInstance).map(ForwarderStack.class::cast).toList();
    }

    @Test
    void singleAccountModeHasNoStackSet() {
        assertThat(stacks).noneMatch(ForwarderStackSetStack.class::isInstance);
    }

    @Test
    void theCentralAccountForwardsFromEveryListedRegionButItsHomeRegionAndUsEast1IsAdded() {
        assertThat(forwarders).extracting(Stack::getRegion).containsExactlyInAnyOrder("us-east-1", "eu-west-1", "us-west-2");
        assertThat(forwarders).extracting(Stack::getAccount).containsOnly(CENTRAL);
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
