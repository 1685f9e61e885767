package org.liandong.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void burstPassesThenRefusesThenClosesAndRefillsOverTime() {
        RateLimiter limiter = new RateLimiter(10, 5, 3, 0);
        for (int i = 0; i < 5; i++) {
            assertEquals(RateLimiter.Verdict.PASS, limiter.take(0));
        }
        assertEquals(RateLimiter.Verdict.REFUSE, limiter.take(0));
        assertEquals(RateLimiter.Verdict.PASS, limiter.take(100_000_000L), "one token back after 100 ms at 10/s");
        assertEquals(RateLimiter.Verdict.REFUSE, limiter.take(100_000_000L));
        assertEquals(RateLimiter.Verdict.CLOSE, limiter.take(100_000_000L));
    }
}
