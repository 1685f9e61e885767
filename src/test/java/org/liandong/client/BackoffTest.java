package org.liandong.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The reconnect schedule shared with webapp/js/signaling.js: full jitter, and at once after 1012. */
class BackoffTest {

    private final Backoff backoff =
            new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofMillis(250), new Random(13));

    @Test
    void fullJitterDrawsFromTheWholeDoublingWindowUpToTheCap() {
        long[] windows = {500, 1000, 2000, 4000, 8000, 8000, 8000};
        for (int attempt = 0; attempt < windows.length; attempt++) {
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 2000; i++) {
                long d = backoff.delay(attempt, 1006).toMillis();
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            long window = windows[attempt];
            assertTrue(max < window, "attempt " + attempt + ": " + max + " within [0, " + window + ")");
            // Full jitter, not "backoff plus a little": the draws reach both ends of the window.
            assertTrue(min < window / 10, "attempt " + attempt + " reaches near 0: " + min);
            assertTrue(max > window * 9 / 10, "attempt " + attempt + " reaches near the window: " + max);
        }
    }

    @Test
    void afterServiceRestartItComesBackAtOnce() {
        for (int attempt : new int[] {0, 5, 40}) {
            long d = backoff.delay(attempt, Backoff.RECONNECT_NOW).toMillis();
            assertTrue(d >= 0 && d < 250, "1012 after attempt " + attempt + ": " + d + " ms");
        }
        assertEquals(
                Duration.ZERO,
                new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ZERO, new Random())
                        .delay(3, Backoff.RECONNECT_NOW));
    }
}
