package io.rootwatch.cli.athena;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every value that reaches the SQL is refused unless it has the shape of what it names, so a
 * quote, a comment or a statement separator given as an option never becomes SQL.
 */
class AthenaSqlInjectionTest {

    @ParameterizedTest
    @ValueSource(strings = {"cloudtrail; DROP TABLE x", "a\"b", "x`.`y", "name with space", "CloudTrail", "t--", "",
            "t\nSELECT 1"})
    void refusesATableOrDatabaseNameThatIsNotAnAthenaName(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> new AthenaTable("default", name));
        assertThatIllegalArgumentException().isThrownBy(() -> new AthenaTable(name, "rootwatch_cloudtrail"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"111122223333' OR '1'='1", "11112222333", "1111222233334", "abcdefghijkl", "111122223333 "})
    void refusesAnAccountThatIsNotTwelveDigits(String account) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ScanScope(Optional.empty(), Optional.empty(),
                Set.of(account), Set.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new TableProjection(Set.of(account), Set.of("us-east-1"),
                LocalDate.of(2024, 1, 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1') OR ('a'='a", "US-EAST-1", "us-east-1;", "us-east-", "${region}"})
    void refusesARegionThatIsNotARegionName(String region) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ScanScope(Optional.empty(), Optional.empty(),
                Set.of(), Set.of(region)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://trail-bucket/pre'fix", "s3://trail-bucket/a b", "s3://Trail_Bucket", "https://trail-bucket/",
            "s3://trail-bucket/x')--", "s3://trail-bucket/${account}", "s3://"})
    void refusesATrailLocationThatIsNotABucketAndKeyPrefix(String location) {
        assertThatIllegalArgumentException().isThrownBy(() -> TrailLocation.parse(location, Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"o-abc'; --", "o-short", "O-A1B2C3D4E5", "a1b2c3d4e5"})
    void refusesAnOrganizationIdThatIsNotOne(String organizationId) {
        assertThatIllegalArgumentException().isThrownBy(() -> TrailLocation.parse("s3://trail-bucket", Optional.of(organizationId)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://trail-bucket", "s3://trail-bucket/", "s3://trail-bucket/prefix/AWSLogs",
            "s3://my.trail-bucket/a=b/c_d/e-f.g"})
    void acceptsTheTrailLocationsCloudTrailWrites(String location) {
        assertThatCode(() -> TrailLocation.parse(location, Optional.empty())).doesNotThrowAnyException();
    }
}
