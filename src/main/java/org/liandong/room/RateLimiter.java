package org.liandong.room;

/**
 * A token bucket: {@code rate} takes per second sustained, {@code burst} above it. Thread-safe:
 * one person's connections may arrive on different event loops.
 */
final class RateLimiter {

    private final double perNano;
    private final double burst;
    private final int maxStrikes;
    private double tokens;
    private long last;
    private int strikes;

    RateLimiter(double ratePerSecond, int burst, int maxStrikes, long nowNanos) {
        this.perNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.maxStrikes = maxStrikes;
        this.tokens = burst;
        this.last = nowNanos;
    }

    enum Verdict {
        PASS,
        REFUSE,
        CLOSE
    }

    synchronized Verdict take(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.PASS;
        }
        return ++strikes >= maxStrikes ? Verdict.CLOSE : Verdict.REFUSE;
    }

    synchronized boolean idleLongerThan(long nanos, long nowNanos) {
        return nowNanos - last > nanos;
    }
}
