package org.liandong.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two real Janus hosts: rooms spread to the least loaded one; a killed host is detected. */
@Tag("media")
class JanusPoolTest {
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    LocalMedia.Running first;
    LocalMedia.Running second;

    @AfterEach
    void stop() throws Exception {
        timer.shutdownNow();
        for (LocalMedia.Running janus : new LocalMedia.Running[] {first, second}) {
            if (janus != null) {
                janus.close();
            }
        }
    }

    @Test
    void placesOnLeastLoadedHostAndDetectsADeadOne() throws Exception {
        first = LocalMedia.startJanus("janus-pool-a");
        second = LocalMedia.startJanus("janus-pool-b");
        JanusSettings defaults = TestMediaConfig.janus();
        JanusSettings quick = new JanusSettings(
                defaults.apiSecret(),
                defaults.adminKey(),
                defaults.keepalive(),
                Duration.ofSeconds(5),
                Duration.ofSeconds(2));
        CompletableFuture<JanusPool.Host> lost = new CompletableFuture<>();
        try (JanusPool pool = new JanusPool(
                List.of(LocalMedia.janusUri(first), LocalMedia.janusUri(second)),
                quick,
                timer,
                Duration.ofMinutes(1),
                lost::complete)) {
            JanusPool.Host a = pool.place();
            JanusPool.Host b = pool.place();
            JanusPool.Host c = pool.place();
            assertFalse(a == b, "second room goes to the other, emptier host");
            assertEquals(
                    List.of(1, 2),
                    pool.hosts().stream().map(JanusPool.Host::rooms).sorted().toList(),
                    "three rooms split 2 + 1");
            pool.release(c);
            assertEquals(
                    List.of(1, 1),
                    pool.hosts().stream().map(JanusPool.Host::rooms).toList());

            URI firstUri = LocalMedia.janusUri(first);
            JanusPool.Host victim = pool.hosts().stream()
                    .filter(h -> h.uri().equals(firstUri))
                    .findFirst()
                    .orElseThrow();
            long killedAt = System.nanoTime();
            first.kill();
            JanusPool.Host reported = lost.get(10, TimeUnit.SECONDS);
            System.out.printf(
                    "MEDIA-FIGURE dead Janus host reported %d ms after kill -9%n",
                    (System.nanoTime() - killedAt) / 1_000_000);
            assertSame(victim, reported);
            assertFalse(victim.session().isAlive());

            for (int i = 0; i < 3; i++) {
                assertEquals(LocalMedia.janusUri(second), pool.place().uri(), "new rooms avoid the dead host");
            }
            second.kill();
            // The survivor's socket is gone too: once its reconnect window has passed, nothing is left to place on.
            org.awaitility.Awaitility.await("no host left")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsMatching(e -> false)
                    .until(() -> {
                        try {
                            pool.place();
                            return false;
                        } catch (JanusException none) {
                            return true;
                        }
                    });
        }
    }
}
