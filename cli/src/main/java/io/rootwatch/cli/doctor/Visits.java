package io.rootwatch.cli.doctor;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Visits places (accounts, accounts in regions) a bounded number at a time: one after another, an
 * organization of 100 accounts in 17 regions takes minutes, and each visit mostly waits on AWS.
 * Results come back in the order of the places, whichever visit finishes first, so the report
 * reads the same at any parallelism; a visit that throws yields its own failure, never ends the run.
 * A visit must not start visits of its own: the pool could be full of visits waiting on it.
 */
public final class Visits implements AutoCloseable {
    private final ExecutorService pool;

    public Visits(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        pool = Executors.newFixedThreadPool(parallelism, Thread.ofPlatform().name("doctor-visit-", 1).daemon().factory());
    }

    /** What {@code visit} gives for each place, in the places' order; {@code crashed} says what a visit that threw gives. */
    public <P, R> List<R> map(List<P> places, Function<P, R> visit, BiFunction<P, RuntimeException, R> crashed) {
        List<Future<R>> visits = places.stream().map(place -> pool.submit(() -> {
            try {
                return visit.apply(place);
            } catch (RuntimeException e) {
                return crashed.apply(place, e);
            }
        })).toList();
        return visits.stream().map(Visits::join).toList();
    }

    /** The findings of every place, in the places' order; a visit that threw fails {@code check} in its own scope. */
    public <P> List<Finding> findings(List<P> places, String check, Function<P, String> scope, Function<P, List<Finding>> visit) {
        return map(places, visit, (place, e) -> List.of(Finding.crashed(check, scope.apply(place), e))).stream()
                .flatMap(List::stream).toList();
    }

    private static <R> R join(Future<R> visit) {
        try {
            return visit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while visiting", e);
        } catch (ExecutionException e) {
            // Only an Error gets here: every RuntimeException became the visit's result.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
