package org.liandong.common;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The service's "now": the system UTC clock truncated to microseconds, the precision both H2 and
 * PostgreSQL store, so that a value reads back exactly as written.
 *
 * <p>Not {@code Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000))}: on Java 17 that clock's
 * {@code millis()} divides by {@code tickNanos / 1_000_000}, which is zero for any tick under a
 * millisecond, so every caller of {@code millis()} (Caffeine's ticker in {@code SessionAdmissions})
 * threw {@code ArithmeticException} in production. Tests replace the clock, so only the packaged
 * app saw it.
 */
public final class MicrosecondClock extends Clock {

    /** UTC, as every time is stored. */
    public static final MicrosecondClock UTC = new MicrosecondClock(ZoneOffset.UTC);

    private final Clock system = Clock.systemUTC();
    private final ZoneId zone;

    private MicrosecondClock(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public Instant instant() {
        return system.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public long millis() {
        return system.millis();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same instants, seen in {@code zone} (as {@link Clock#withZone} promises). */
    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new MicrosecondClock(zone);
    }
}
