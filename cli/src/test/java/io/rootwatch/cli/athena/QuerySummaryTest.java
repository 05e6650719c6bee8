package io.rootwatch.cli.athena;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The line that tells the user which query ran and what it scanned, as Athena bills it. */
class QuerySummaryTest {

    @ParameterizedTest
    @CsvSource({
            "0, 10000000",
            "9999999, 10000000",
            "10000001, 11000000",
            "1200000000000, 1200000000000"})
    void billsAtLeastTenMegabytesRoundedUpToTheMegabyte(long scanned, long billed) {
        assertThat(new QuerySummary("q", scanned, Optional.empty()).billedBytes()).isEqualTo(billed);
    }

    @Test
    void describesTheQueryWhatItScannedAndWhatThatCosts() {
        assertThat(new QuerySummary("0f6d2b8e-5c4a-4e55-9d1f-3a2b1c0d9e8f", 1_234_567_890L, Optional.empty()).describe())
                .isEqualTo("Athena query 0f6d2b8e-5c4a-4e55-9d1f-3a2b1c0d9e8f scanned 1.2 GB (billed as 1.2 GB: about $0.0062 at $5/TB)");
    }

    @Test
    void describesATinyScanWithItsMinimumCharge() {
        assertThat(new QuerySummary("q", 512, Optional.empty()).describe())
                .isEqualTo("Athena query q scanned 512 bytes (billed as 10.0 MB: about $0.0001 at $5/TB)");
    }
}
