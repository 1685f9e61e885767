package org.liandong.client;

import java.time.Duration;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * When a reconnecting client tries again (docs/signaling.md, "Reconnecting"; the browser's
 * webapp/js/signaling.js follows the same rule). After an ordinary loss: exponential backoff with
 * full jitter, a delay drawn uniformly from [0, min(cap, base × 2^attempt)) (AWS Architecture Blog,
 * "Exponential Backoff and Jitter", 2015: full jitter spreads a crowd of clients that lost the same
 * node best for the fewest calls). After close code 1012 (the node drains or lost the room's lease,
 * docs/cluster.md) at once: a delay drawn from [0, drainSpread), and the attempt count starts over.
 *
 * @param base the first attempt's window, e.g. 500 ms
 * @param cap the largest window, e.g. 8 s
 * @param drainSpread the window after 1012, e.g. 250 ms (so a drained node's clients do not arrive in one burst)
 */
public record Backoff(Duration base, Duration cap, Duration drainSpread, RandomGenerator random) {

    /** RFC 6455 / IANA close code "Service Restart": reconnect at once. */
    public static final int RECONNECT_NOW = 1012;

    /** Close codes after which a client never comes back: 4001 removed, 4002 replaced, 4009 ended. */
    public static final Set<Integer> FINAL = Set.of(4001, 4002, 4009);

    /** The defaults of both clients: 0.5 s doubling to 8 s, 250 ms after 1012. */
    public static Backoff standard() {
        return new Backoff(
                Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMillis(250), RandomGenerator.getDefault());
    }

    /**
     * The wait before the next try.
     *
     * @param attempt tries since the last welcome, from 0
     * @param closeCode the code the last socket closed with (1006 for a drop), the HTTP status of a
     *     refused upgrade (503, 429), or -1 when the upgrade got no answer
     */
    public Duration delay(int attempt, int closeCode) {
        long window = closeCode == RECONNECT_NOW
                ? drainSpread.toMillis()
                : Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(window <= 0 ? 0 : random.nextLong(window));
    }
}
