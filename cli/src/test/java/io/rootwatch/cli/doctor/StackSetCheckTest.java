package io.rootwatch.cli.doctor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceDetailedStatus;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceStatus;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSet;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The StackSet verdicts on what CloudFormation answers. moto_server always reports instances as
 * CURRENT/SUCCEEDED and never reports AutoDeployment, so these answers are built as AWS gives them.
 */
class StackSetCheckTest {
    private static final String SCOPE = "999988887777/us-east-1";
    private static final List<Region> REGIONS = List.of(Region.US_EAST_1, Region.EU_WEST_1);

    private static StackInstanceSummary instance(String account, String region, StackInstanceStatus status,
                                                 StackInstanceDetailedStatus detailed) {
        return StackInstanceSummary.builder().account(account).region(region).organizationalUnitId("ou-ab12-cd34ef56")
                .status(status).stackInstanceStatus(s -> s.detailedStatus(detailed)).build();
    }

    private static StackInstanceSummary current(String account, String region) {
        return instance(account, region, StackInstanceStatus.CURRENT, StackInstanceDetailedStatus.SUCCEEDED);
    }

    @Test
    void currentInstancesInEveryRegionPass() {
        Finding finding = StackSetCheck.instances(List.of(current("222233334444", "us-east-1"), current("222233334444", "eu-west-1")),
                REGIONS, SCOPE);

        assertThat(finding).isEqualTo(Finding.pass(StackSetCheck.INSTANCES, SCOPE,
                "2 instances, all CURRENT: 1 accounts in ou-ab12-cd34ef56, 2 regions"));
    }

    @ParameterizedTest(name = "{0}/{1} fails")
    @CsvSource({"OUTDATED,FAILED", "INOPERABLE,INOPERABLE", "OUTDATED,RUNNING", "CURRENT,FAILED"})
    void anInstanceNotCurrentFailsNamingIt(StackInstanceStatus status, StackInstanceDetailedStatus detailed) {
        Finding finding = StackSetCheck.instances(List.of(current("222233334444", "us-east-1"),
                instance("222233334444", "eu-west-1", status, detailed)), REGIONS, SCOPE);

        assertThat(finding.status()).isEqualTo(Status.FAIL);
        assertThat(finding.detail()).startsWith("1 of 2 instances not current: 222233334444/eu-west-1 " + status + " " + detailed);
    }

    @Test
    void aRegionWithoutInstancesFails() {
        Finding finding = StackSetCheck.instances(List.of(current("222233334444", "us-east-1")), REGIONS, SCOPE);

        assertThat(finding).isEqualTo(Finding.fail(StackSetCheck.INSTANCES, SCOPE, "no instances in eu-west-1"));
    }

    @Test
    void noInstancesAtAllFails() {
        assertThat(StackSetCheck.instances(List.of(), REGIONS, SCOPE).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void autoDeploymentOnPasses() {
        StackSet stackSet = StackSet.builder().stackSetName("rootwatch-forwarders").permissionModel("SERVICE_MANAGED")
                .autoDeployment(a -> a.enabled(true).retainStacksOnAccountRemoval(false)).build();

        assertThat(StackSetCheck.autoDeployment(stackSet, SCOPE)).isEqualTo(Finding.pass(StackSetCheck.AUTO_DEPLOYMENT, SCOPE,
                "rootwatch-forwarders: auto-deployment on, stacks removed when an account leaves"));
    }

    @Test
    void autoDeploymentOffFails() {
        StackSet stackSet = StackSet.builder().stackSetName("rootwatch-forwarders").permissionModel("SERVICE_MANAGED")
                .autoDeployment(a -> a.enabled(false)).build();

        assertThat(StackSetCheck.autoDeployment(stackSet, SCOPE)).isEqualTo(Finding.fail(StackSetCheck.AUTO_DEPLOYMENT, SCOPE,
                "rootwatch-forwarders: auto-deployment is off: accounts that join get no forwarders"));
    }

    @Test
    void autoDeploymentNotReportedFails() {
        StackSet stackSet = StackSet.builder().stackSetName("rootwatch-forwarders").permissionModel("SELF_MANAGED").build();

        assertThat(StackSetCheck.autoDeployment(stackSet, SCOPE).status()).isEqualTo(Status.FAIL);
    }
}
