package org.liandong.room;

/**
 * A token bucket for one connection: {@code rate} messages per second sustained, {@code burst}
 * above it. Not thread-safe; each connection's messages arrive on one event loop.
 */
final class RateLimiter {

    private final double perNano;
    private final double burst;
    private final int maxStrikes;
    private double tokens;
    private long last;
    private int strikes;

    RateLimiter(int ratePerSecond, int burst, int maxStrikes, long nowNanos) {
        this.perNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.maxStrikes = maxStrikes;
        this.tokens = burst;
        this.last = nowNanos;
    }

    enum Verdict { PASS, REFUSE, CLOSE }

    Verdict take(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.PASS;
        }
        return ++strikes >= maxStrikes ? Verdict.CLOSE : Verdict.REFUSE;
    }
}
