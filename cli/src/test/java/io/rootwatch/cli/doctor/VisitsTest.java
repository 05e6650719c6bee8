package io.rootwatch.cli.doctor;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Visits: bounded parallelism, results in the places' order, a visit that throws fails only its own place. */
class VisitsTest {
    @Test
    void resultsComeInThePlacesOrderWhenLaterPlacesFinishFirst() {
        List<Integer> places = IntStream.rangeClosed(1, 8).boxed().toList();
        try (Visits visits = new Visits(8)) {
            List<String> results = visits.map(places, place -> {
                sleep((9 - place) * 20L);
                return "place " + place;
            }, (place, e) -> "crashed " + place);

            assertThat(results).containsExactly("place 1", "place 2", "place 3", "place 4", "place 5", "place 6", "place 7", "place 8");
        }
    }

    @Test
    void upToTheParallelismVisitsRunAtTheSameTime() {
        CountDownLatch allStarted = new CountDownLatch(4);
        try (Visits visits = new Visits(4)) {
            List<Boolean> metTheOthers = visits.map(List.of(1, 2, 3, 4), place -> {
                allStarted.countDown();
                return await(allStarted);
            }, (place, e) -> false);

            assertThat(metTheOthers).containsOnly(true);
        }
    }

    @Test
    void noMoreThanTheParallelismRunAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (Visits visits = new Visits(3)) {
            visits.map(IntStream.range(0, 12).boxed().toList(), place -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                sleep(20);
                running.decrementAndGet();
                return place;
            }, (place, e) -> place);
        }

        assertThat(most.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void aVisitThatThrowsFailsItsOwnPlaceAndTheOthersAreStillVisited() {
        try (Visits visits = new Visits(4)) {
            List<Finding> findings = visits.findings(List.of("a", "b", "c"), "forwarder-rule", place -> "123456789012/" + place,
                    place -> {
                        if (place.equals("b")) {
                            throw new IllegalStateException("no answer understood");
                        }
                        return List.of(Finding.pass("forwarder-rule", "123456789012/" + place, "fine"));
                    });

            assertThat(findings).containsExactly(
                    Finding.pass("forwarder-rule", "123456789012/a", "fine"),
                    Finding.fail("forwarder-rule", "123456789012/b", "could not check: IllegalStateException: no answer understood"),
                    Finding.pass("forwarder-rule", "123456789012/c", "fine"));
        }
    }

    @Test
    void aParallelismBelowOneIsRefused() {
        assertThatThrownBy(() -> new Visits(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
