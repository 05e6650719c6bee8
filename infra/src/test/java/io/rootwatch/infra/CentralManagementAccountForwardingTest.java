package io.rootwatch.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organization mode where the detector runs in the management account itself: one forwarder per
 * region but the home region, not two (management and central would be the same stacks).
 */
class CentralManagementAccountForwardingTest {
    private static final String ACCOUNT = "444444444444";
    private static final String HOME = "us-east-2";

    private static List<ForwarderStack> forwarders;

    @BeforeAll
    static void build() {
        App app = Synthesized.app(Map.of(
                RootwatchSettings.HOME_REGION, HOME,
                RootwatchSettings.ORGANIZATION_ID, "o-a1b2c3d4e5",
                RootwatchSettings.CENTRAL_ACCOUNT, ACCOUNT,
                RootwatchSettings.MANAGEMENT_ACCOUNT, ACCOUNT,
                RootwatchSettings.ORGANIZATIONAL_UNITS, List.of("ou-ab12-cd34ef56"),
                RootwatchSettings.FORWARDER_REGIONS, List.of("us-east-2", "eu-west-1")));
        RootwatchApp.build(app, Synthesized.detectorJar());
        forwarders = app.getNode().getChildren().stream()
                .filter(ForwarderStack.class::isInstance).map(ForwarderStack.class::cast).toList();
    }

    @Test
    void oneForwarderPerRegionButTheHomeRegionWhenTheManagementAccountIsCentral() {
        assertThat(forwarders).extracting(Stack::getRegion).containsExactlyInAnyOrder("us-east-1", "eu-west-1");
        assertThat(forwarders).extracting(Stack::getAccount).containsOnly(ACCOUNT);
    }
}
