package io.rootwatch.accounts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Organizations has one endpoint per partition: the caller's region chooses only the partition. */
class OrganizationsEndpointTest {
    @ParameterizedTest
    @CsvSource({
            "eu-west-1, https://organizations.us-east-1.amazonaws.com, us-east-1",
            "ap-southeast-2, https://organizations.us-east-1.amazonaws.com, us-east-1",
            "cn-north-1, https://organizations.cn-northwest-1.amazonaws.com.cn, cn-northwest-1",
            "us-gov-east-1, https://organizations.us-gov-west-1.amazonaws.com, us-gov-west-1"})
    void aRegionChoosesItsPartitionsEndpoint(String region, URI uri, String signingRegion) {
        assertThat(OrganizationsEndpoint.forRegion(region)).isEqualTo(new OrganizationsEndpoint(uri, signingRegion));
    }

    @Test
    void anotherUrlKeepsThePartitionsSigningRegion() {
        assertThat(OrganizationsEndpoint.forRegion("cn-north-1").at(URI.create("http://127.0.0.1:5000")))
                .isEqualTo(new OrganizationsEndpoint(URI.create("http://127.0.0.1:5000"), "cn-northwest-1"));
    }

    @Test
    void anEndpointMustBeAnHttpUrl() {
        assertThatThrownBy(() -> OrganizationsEndpoint.GLOBAL.at(URI.create("ftp://example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s) URL");
    }
}
