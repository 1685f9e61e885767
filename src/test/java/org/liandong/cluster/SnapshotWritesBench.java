package org.liandong.cluster;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.liandong.client.SignalingClient;
import org.liandong.room.RoomFixture;

/**
 * Redis writes per second per active room (issue 13), run by bench/redis-writes.sh (not part of the
 * test suite: the class name does not end in Test). One node with the cluster on (Redis DB 5, a prefix
 * per run), {@code bench.rooms} rooms with a chair and an official each; the official sends
 * {@code bench.rate} chat lines per second per room for {@code bench.seconds}, then the rooms idle as
 * long. Counts the snapshot writes ({@link RoomSnapshots#writes()}) in both phases; the lease renewals
 * are one EVAL per room per {@code lease-renew-every} (1 s) on top, active or not.
 */
@QuarkusTest
@TestProfile(RedisCluster.class)
class SnapshotWritesBench {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RoomFixture fixture;

    @Inject
    RoomSnapshots snapshots;

    @Test
    void writesPerSecondPerRoom() throws Exception {
        RedisCluster.requireRedis();
        int rooms = Integer.getInteger("bench.rooms", 10);
        int rate = Integer.getInteger("bench.rate", 10);
        int seconds = Integer.getInteger("bench.seconds", 15);
        List<SignalingClient> talkers = new ArrayList<>();
        List<SignalingClient> all = new ArrayList<>();
        for (int i = 0; i < rooms; i++) {
            long session = fixture.session();
            for (String who : List.of("chair", "city.nr")) {
                SignalingClient c = SignalingClient.connect(base, session, fixture.token(session, who), null);
                c.await("welcome", m -> true, Duration.ofSeconds(60));
                all.add(c);
                if (who.equals("city.nr")) {
                    talkers.add(c);
                }
            }
        }
        // Let the joins' own snapshots land before counting.
        Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);

        AtomicLong changes = new AtomicLong();
        long w0 = snapshots.writes();
        long t0 = System.nanoTime();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(
                () -> talkers.forEach(c -> {
                    c.send("chat", "text", "line " + changes.incrementAndGet());
                }),
                0,
                1_000_000 / rate,
                TimeUnit.MICROSECONDS);
        Awaitility.await()
                .pollDelay(Duration.ofSeconds(seconds))
                .atMost(Duration.ofSeconds(seconds + 10))
                .until(() -> true);
        timer.shutdownNow();
        double activeS = (System.nanoTime() - t0) / 1e9;
        long w1 = snapshots.writes();
        long t1 = System.nanoTime();
        Awaitility.await()
                .pollDelay(Duration.ofSeconds(seconds))
                .atMost(Duration.ofSeconds(seconds + 10))
                .until(() -> true);
        double idleS = (System.nanoTime() - t1) / 1e9;
        long w2 = snapshots.writes();
        all.forEach(SignalingClient::close);

        double changesPerRoom = changes.get() / (double) rooms / activeS;
        double activeWrites = (w1 - w0) / (double) rooms / activeS;
        double idleWrites = (w2 - w1) / (double) rooms / idleS;
        String out = String.format(
                "rooms %d, chat lines sent %.1f/s per room for %.1f s: snapshot writes %.2f/s per room"
                        + " (%.2f per change; window cap 10/s); then idle %.1f s: %.2f/s per room;"
                        + " lease renewals 1/s per room throughout (config)%n",
                rooms, changesPerRoom, activeS, activeWrites, activeWrites / changesPerRoom, idleS, idleWrites);
        System.out.print(out);
        Files.writeString(Path.of("target/redis-writes.txt"), out);
    }
}
