package org.liandong.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.liandong.common.MicrosecondClock;

/**
 * The service's clock in tests: the real UTC clock until a test pins it with {@link #set}, so
 * that rules depending on "now" (join-link windows, statutory days) can be tested at chosen times.
 * Tests that pin it call {@link #reset} afterwards.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock extends Clock {

    private volatile Instant pinned;
    private volatile Duration offset = Duration.ZERO;

    public void set(Instant at) {
        pinned = at;
    }

    public void advance(Duration d) {
        pinned = instant().plus(d);
    }

    /** Moves "now" to {@code at} and lets it keep running from there (for real-time flows such as a browser case). */
    public void runFrom(Instant at) {
        pinned = null;
        offset = Duration.between(Clock.systemUTC().instant(), at);
    }

    public void reset() {
        pinned = null;
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        Instant p = pinned;
        return p != null ? p : MicrosecondClock.UTC.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock's instants, seen in {@code zone}: as the production clock does (MicrosecondClock). */
    @Override
    public Clock withZone(ZoneId zone) {
        TestClock source = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return source.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return source.withZone(other);
            }
        };
    }
}
