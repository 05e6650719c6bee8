package io.rootwatch.cli.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which directories and files of the AWSLogs layout a filter admits, from their names alone. */
class ScanFilterTest {
    private static final ScanFilter FILTER = new ScanFilter(Optional.of(LocalDate.parse("2025-01-31")), Optional.of(LocalDate.parse("2025-03-01")),
            Set.of("111122223333"), Set.of("us-east-1"));

    private static List<String> dirs(String path) {
        return Arrays.asList(path.split("/"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "bucket-prefix, true",
            "trail/AWSLogs, true",
            "trail/AWSLogs/111122223333, true",
            "trail/AWSLogs/444455556666, false",
            "trail/AWSLogs/o-a1b2c3d4e5, true",
            "trail/AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail, true",
            "trail/AWSLogs/o-a1b2c3d4e5/444455556666, false",
            "trail/AWSLogs/111122223333/CloudTrail-Digest, false",
            "trail/AWSLogs/111122223333/CloudTrail-Insight, false",
            "trail/AWSLogs/111122223333/Config, false",
            "trail/AWSLogs/111122223333/CloudTrail/us-east-1, true",
            "trail/AWSLogs/111122223333/CloudTrail/eu-west-1, false",
            "trail/AWSLogs/111122223333/CloudTrail/us-east-1/2024, false",
            "trail/AWSLogs/111122223333/CloudTrail/us-east-1/2025, true",
            "trail/AWSLogs/111122223333/CloudTrail/us-east-1/2025/01, true",
            "trail/AWSLogs/111122223333/CloudTrail/us-east-1/2025/01/30, false",
            "trail/AWSLogs/111122223333/CloudTrail/us-east-1/2025/01/31, true",
            "trail/AWSLogs/111122223333/CloudTrail/us-east-1/2025/03/01, true",
            "trail/AWSLogs/111122223333/CloudTrail/us-east-1/2025/03/02, false",
            "trail/AWSLogs/111122223333/CloudTrail/us-east-1/2025/04, false",
            "trail/AWSLogs/111122223333/CloudTrail/us-east-1/2026, false",
            "trail/AWSLogs/111122223333/CloudTrail/us-east-1/not-a-year, true"})
    void directories(String path, boolean admitted) {
        assertThat(FILTER.admitsDirectory(dirs(path))).isEqualTo(admitted);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "111122223333_CloudTrail_us-east-1_20250215T1205Z_a1B2c3D4e5F6g7H8.json.gz, true",
            "111122223333_CloudTrail_us-east-1_20250130T2355Z_a1B2c3D4e5F6g7H8.json.gz, false",
            "444455556666_CloudTrail_us-east-1_20250215T1205Z_a1B2c3D4e5F6g7H8.json.gz, false",
            "111122223333_CloudTrail_eu-west-1_20250215T1205Z_a1B2c3D4e5F6g7H8.json.gz, false",
            "111122223333_CloudTrail-Digest_us-east-1_trail_us-east-1_20250215T1205Z.json.gz, false",
            "111122223333_CloudTrail-Insight_us-east-1_20250215T1205Z_a1B2.json.gz, false",
            "export.json.gz, true",
            "export.json, true",
            "README.md, false",
            "manifest.csv.gz, false"})
    void files(String name, boolean admitted) {
        assertThat(FILTER.admitsFile(name)).isEqualTo(admitted);
    }

    @Test
    void withoutFiltersEveryLogDirectoryIsAdmittedButCloudTrailsOtherProducts() {
        ScanFilter everything = ScanFilter.everything();

        assertThat(everything.admitsDirectory(dirs("AWSLogs/444455556666/CloudTrail/ap-south-2/2019/12/31"))).isTrue();
        assertThat(everything.admitsDirectory(dirs("AWSLogs/444455556666/CloudTrail-Digest"))).isFalse();
    }

    @Test
    void aRegionDirectoryIsRecognisedWithOrWithoutTheOrganizationLevel() {
        assertThat(ScanFilter.isRegionDirectory(dirs("x/AWSLogs/111122223333/CloudTrail/us-east-1"))).isTrue();
        assertThat(ScanFilter.isRegionDirectory(dirs("AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/us-east-1"))).isTrue();
        assertThat(ScanFilter.isRegionDirectory(dirs("AWSLogs/111122223333/CloudTrail"))).isFalse();
        assertThat(ScanFilter.isRegionDirectory(dirs("AWSLogs/111122223333/CloudTrail/us-east-1/2025"))).isFalse();
    }
}
