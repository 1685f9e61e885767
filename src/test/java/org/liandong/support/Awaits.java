package org.liandong.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Waiting for things that happen eventually (Awaitility), with the timeouts every test here uses.
 * Never an assertion on how fast: speed goes to bench/RESULTS.md.
 */
public final class Awaits {

    private Awaits() {}

    /** Waits up to 30 s for {@code condition}. */
    public static void until(String what, BooleanSupplier condition) {
        await(what)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }

    /**
     * Waits up to 30 s until {@code counter} (frames, packets) stops growing: two readings a second
     * apart differ by fewer than {@code tolerance}. Media already in flight drains first, however
     * loaded the machine is.
     */
    public static void quiet(String what, LongSupplier counter, long tolerance) {
        long[] last = {Long.MIN_VALUE / 2};
        await(what)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    long now = counter.getAsLong();
                    boolean quiet = now - last[0] < tolerance;
                    last[0] = now;
                    return quiet;
                });
    }
}
