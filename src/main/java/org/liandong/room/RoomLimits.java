package org.liandong.room;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.liandong.session.Admission;

/**
 * Flood control per person and session, not per socket, so that reconnecting neither refills a
 * bucket nor multiplies it (issue 16: 142,195 chat lines in 10 s through reconnects). Two buckets
 * each: messages ({@link RoomConfig#ratePerSecond()}) and socket upgrades
 * ({@link RoomConfig#reconnectsPerMinute()}). Buckets idle for ten minutes are forgotten.
 */
@ApplicationScoped
public class RoomLimits {

    private static final long IDLE_NANOS = 600_000_000_000L;

    private record Key(long sessionId, long personId, boolean upgrades) {}

    private final Map<Key, RateLimiter> buckets = new ConcurrentHashMap<>();
    private final RoomConfig config;

    RoomLimits(RoomConfig config) {
        this.config = config;
    }

    /** The message bucket of this person in this session (shared by all their connections). */
    RateLimiter messages(Admission admission) {
        return buckets.computeIfAbsent(
                new Key(admission.sessionId(), admission.personId(), false),
                k -> new RateLimiter(
                        config.ratePerSecond(), config.rateBurst(), config.rateStrikes(), System.nanoTime()));
    }

    /**
     * Takes one upgrade for this person; returns the seconds to wait before the next one is allowed,
     * or 0 when this one may go ahead.
     */
    long upgrade(Admission admission) {
        RateLimiter bucket = buckets.computeIfAbsent(
                new Key(admission.sessionId(), admission.personId(), true),
                k -> new RateLimiter(
                        config.reconnectsPerMinute() / 60.0,
                        config.reconnectBurst(),
                        Integer.MAX_VALUE,
                        System.nanoTime()));
        return bucket.take(System.nanoTime()) == RateLimiter.Verdict.PASS
                ? 0
                : Math.max(1, Math.round(60.0 / config.reconnectsPerMinute()));
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetIdle() {
        long now = System.nanoTime();
        buckets.values().removeIf(b -> b.idleLongerThan(IDLE_NANOS, now));
    }
}
