package io.rootwatch.cli;

import io.rootwatch.audit.BreakGlassWindows;
import io.rootwatch.detect.BreakGlassWindow;
import io.rootwatch.lambda.DetectorConfig;
import io.rootwatch.lambda.EventProcessor;
import io.rootwatch.testing.DetectorFixture;
import io.rootwatch.testing.MotoServer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.rootwatch.testing.DetectorFixture.sample;

/**
 * An audit table on moto_server filled by the real detector from events-samples, moved to known
 * accounts, times and ids, so that queries and reports read exactly what production writes.
 * November 2026 holds events {@code ev-01} to {@code ev-10} in three accounts; {@link #QUIET}
 * signed in as root in October only.
 */
final class SeededAuditTable {
    static final String TABLE = DetectorFixture.TABLE;
    static final String PAYMENTS = "111122223333";
    static final String DATA = "222233334444";
    static final String SANDBOX = "333344445555";
    static final String QUIET = "444455556666";

    /** One seeded event: a sample moved to an account, a time and an id. */
    record Seed(String id, String file, String account, String time) {
    }

    static final List<Seed> NOVEMBER = List.of(
            new Seed("ev-01", "signin-root-success-no-mfa.json", PAYMENTS, "2026-11-03T08:15:00Z"),
            new Seed("ev-02", "task-close-account.json", PAYMENTS, "2026-11-03T08:20:00Z"),
            new Seed("ev-03", "api-root-list-buckets-akia.json", DATA, "2026-11-05T12:00:00Z"),
            new Seed("ev-04", "signin-root-success-mfa.json", DATA, "2026-11-05T11:55:00Z"),
            new Seed("ev-05", "api-root-describe-instances-ap-southeast-2.json", DATA, "2026-11-06T09:00:00Z"),
            new Seed("ev-06", "signin-root-failure-wrong-password.json", SANDBOX, "2026-11-07T23:59:59.500Z"),
            new Seed("ev-07", "credential-root-create-access-key.json", SANDBOX, "2026-11-08T00:00:00Z"),
            new Seed("ev-08", "task-s3-mfa-delete-enable.json", PAYMENTS, "2026-11-10T10:00:00Z"),
            new Seed("ev-09", "service-root-invoked-by-glue.json", PAYMENTS, "2026-11-10T10:05:00Z"),
            new Seed("ev-10", "not-root-iam-user-console-login.json", DATA, "2026-11-06T10:00:00Z"));

    static final Seed OCTOBER_SIGN_IN = new Seed("ev-00", "signin-root-success-mfa.json", QUIET, "2026-10-15T07:00:00Z");

    /** The planned window that makes ev-08 expected. */
    static final BreakGlassWindow MFA_DELETE_WINDOW = new BreakGlassWindow("window-1", PAYMENTS,
            Instant.parse("2026-11-10T09:00:00Z"), Instant.parse("2026-11-10T11:00:00Z"),
            "enable MFA delete on the audit bucket (CHG-4711)", "arn:aws:iam::111122223333:role/SecurityAdmin");

    final DetectorFixture fixture;

    private SeededAuditTable(DetectorFixture fixture) {
        this.fixture = fixture;
    }

    /** A fresh table holding the October sign-in and every November event, recorded by the detector. */
    static SeededAuditTable november(MotoServer moto) throws Exception {
        SeededAuditTable table = new SeededAuditTable(new DetectorFixture(moto));
        new BreakGlassWindows(table.fixture.dynamo, TABLE, Duration.ofDays(400)).open(MFA_DELETE_WINDOW, MFA_DELETE_WINDOW.from());
        table.record(OCTOBER_SIGN_IN);
        NOVEMBER.forEach(table::record);
        return table;
    }

    void record(Seed seed, Object... moreChanges) {
        record(fixture.detector(), seed, moreChanges);
    }

    /** Records the seed through the given detector, with more changes to its CloudTrail record. */
    void record(EventProcessor detector, Seed seed, Object... moreChanges) {
        List<Object> changes = new ArrayList<>(List.of("detail.eventID", seed.id(), "detail.recipientAccountId", seed.account(),
                "detail.eventTime", seed.time()));
        changes.addAll(List.of(moreChanges));
        // Delivered half a minute after it happened, as EventBridge would; the clock never goes back.
        Duration untilDelivery = Duration.between(fixture.clock.instant(), Instant.parse(seed.time()).plusSeconds(30));
        if (untilDelivery.isPositive()) {
            fixture.clock.advance(untilDelivery);
        }
        try {
            detector.process(sample(seed.file(), changes.toArray()));
        } catch (Exception e) {
            throw new IllegalStateException("could not seed " + seed, e);
        }
    }

    /** A detector whose account names come from this map, as the ACCOUNT_NAMES setting gives them. */
    EventProcessor detectorNaming(String accountNamesJson) {
        return new EventProcessor(fixture.config(env -> env.put(DetectorConfig.ACCOUNT_NAMES, accountNamesJson)),
                fixture.dynamo, fixture.sns, fixture.clock);
    }

    /** {@code --table ... --region ... --endpoint-url ...}, to append to a command line. */
    static List<String> tableArguments(MotoServer moto) {
        return List.of("--table", TABLE, "--region", "us-east-1", "--endpoint-url", moto.endpoint().toString());
    }

}
