package org.liandong.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liandong.client.SignalingClient;
import org.liandong.room.RoomFixture;
import org.liandong.room.SessionGateway;

/**
 * A room opened while Redis was down (epoch 0) takes its lease once Redis answers (RoomRegistry.adopt).
 * Redis that was down is often Redis restarted without persistence: its epoch counters start again at
 * 1 while PostgreSQL's fence remembers the room's earlier owners. The first lease is then refused by
 * the fence (rule 5, docs/cluster.md); that is nobody else holding the room, so the room must stay
 * and take the next epoch, not send its people away and lose its state. Uses a private redis-server
 * on a free port (never the shared one); skips loudly without it (fails under CI=true).
 */
@QuarkusTest
@TestProfile(RoomAdoptionTest.Node.class)
class RoomAdoptionTest {

    static final int REDIS_PORT = freePort();
    static final String PREFIX = "lt-adopt-" + UUID.randomUUID().toString().substring(0, 8) + ":";

    /** The cluster on, against the private Redis (down when the test starts). */
    public static class Node implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "liandong.cluster.enabled",
                    "true",
                    "liandong.cluster.redis-url",
                    "redis://127.0.0.1:" + REDIS_PORT + "/0",
                    "liandong.cluster.key-prefix",
                    PREFIX,
                    "liandong.cluster.node-id",
                    "test-node-a",
                    "liandong.cluster.secret",
                    "room-adoption-test-secret-" + UUID.randomUUID());
        }
    }

    @Inject
    RoomFixture fixture;

    @Inject
    SessionGateway sessions;

    @TestHTTPResource("/")
    URI base;

    private Process redis;

    @Test
    void aRoomOpenedDuringTheOutageStaysWhenRedisComesBackEmpty() throws Exception {
        RedisCluster.skipUnlessAll(
                "RoomAdoptionTest",
                RedisCluster.onPath("redis-server") && RedisCluster.onPath("redis-cli")
                        ? List.of()
                        : List.of("redis-server and redis-cli (apt-get install redis-server)"));
        long session = fixture.session();
        // The room lived before, at epoch 7 (PostgreSQL's fence remembers it); then Redis went away.
        sessions.takeOwnership(session, 7);

        try (SignalingClient chair = SignalingClient.connect(base, session, fixture.token(session, "chair"), null)) {
            chair.awaitWelcome(1, Duration.ofSeconds(20)); // opened unfenced, Redis down

            startRedis(); // back, empty: its counter for the room starts at 1 again
            Awaitility.await("the room takes a lease above PostgreSQL's epoch")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        String owner = redisCli("get", PREFIX + "room:" + session + ":owner");
                        return owner.startsWith("test-node-a ")
                                && Long.parseLong(owner.substring(owner.indexOf(' ') + 1)) > 7;
                    });
            assertFalse(chair.isClosed(), "the chair was sent away from a room nobody else held");
            assertTrue(sessions.highestEpoch(session) > 7);
        }
    }

    @AfterEach
    void stopRedis() throws Exception {
        if (redis != null) {
            redis.destroy(); // SIGTERM to the server this test started
            if (!redis.waitFor(20, TimeUnit.SECONDS)) {
                redis.destroyForcibly().waitFor();
            }
            redis = null;
        }
    }

    private void startRedis() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/redis-adopt-" + REDIS_PORT));
        redis = new ProcessBuilder(
                        "redis-server",
                        "--bind",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(REDIS_PORT),
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        dir.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("redis.log").toFile()))
                .start();
        Awaitility.await("redis-server on " + REDIS_PORT)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> "PONG".equals(redisCli("ping")));
    }

    private static String redisCli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(REDIS_PORT), "--raw"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
