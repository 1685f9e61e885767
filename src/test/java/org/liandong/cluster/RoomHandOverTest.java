package org.liandong.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liandong.client.SignalingClient;
import org.liandong.room.RoomFixture;

/**
 * When the proxy and the lease disagree about where a room lives. This node ("test-node-a") and a
 * second lease holder ("test-node-b", played by the test against the real Redis) share a room:
 * <ul>
 *   <li>a dead owner's lease: the upgrade is held until the lease runs out, and then admitted here
 *       (no 503, so the client's backoff never starts);
 *   <li>a live owner's lease: after the hold this node asks the owner to hand the room over and
 *       answers 503; the owner (this node, in the last case) writes its snapshot, frees the lease
 *       and closes its sockets with 1012, unless it took the room only moments ago.
 * </ul>
 * Found by the 10-kill failover bench (docs/cluster.md): a room's sockets split over two nodes,
 * one refusing for as long as the other lived.
 */
@QuarkusTest
@TestProfile(RedisCluster.class)
class RoomHandOverTest {

    @Inject
    RoomFixture fixture;

    @Inject
    ClusterRedis redis;

    @Inject
    ClusterConfig config;

    @Inject
    RoomLeases leasesA;

    @Inject
    RoomCommands commandsA;

    @Inject
    RoomSnapshots snapshots;

    @Inject
    ObjectMapper json;

    @Inject
    RedisSeal seal;

    @TestHTTPResource("/")
    URI base;

    RoomLeases leasesB;

    @BeforeEach
    void nodeB() {
        RedisCluster.requireRedis();
        leasesB = new RoomLeases(redis, config, new NodeIdentity("test-node-b"));
    }

    @Test
    void anUpgradeWaitsOutADeadOwnersLeaseInsteadOfBeingRefused() {
        long session = fixture.session();
        String token = fixture.token(session, "city.nr");
        long deadEpoch = leasesB.acquire(session).orElseThrow(); // node B took the room and died: no renewals

        // Without the hold this is an immediate 503 (connect throws); with it, the room opens here
        // once B's lease has run out.
        try (SignalingClient c = SignalingClient.connect(base, session, token, null)) {
            assertFalse(c.awaitWelcome(1, Duration.ofSeconds(20)).get("lobby").asBoolean());
            String holder = leasesA.holder(session).orElseThrow();
            assertTrue(holder.startsWith("test-node-a "), holder);
            assertTrue(Long.parseLong(holder.substring(holder.indexOf(' ') + 1)) > deadEpoch, holder);
        }
    }

    @Test
    void aNodeThatTheProxySendsALiveOwnersRoomToAsksTheOwnerToHandItOver() throws Exception {
        long session = fixture.session();
        String token = fixture.token(session, "city.nr");
        long epoch = leasesB.acquire(session).orElseThrow();
        List<RoomCommands.RoomCommand> heardByB = new CopyOnWriteArrayList<>();
        RoomCommands commandsB = new RoomCommands(redis, new NodeIdentity("test-node-b"), json, seal);
        commandsB.listen(heardByB::add);
        ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor();
        try {
            renewals.scheduleAtFixedRate(() -> leasesB.renew(session, epoch), 0, 500, TimeUnit.MILLISECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(commandsB::subscribed);

            assertEquals(503, SignalingClient.refusalStatus(base, session, token, null), "B lives and holds the room");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(
                            () -> heardByB.stream()
                                    .anyMatch(c -> c.sessionId() == session
                                            && "handover".equals(c.kind())
                                            && "test-node-a".equals(c.origin())),
                            ok -> ok);
        } finally {
            renewals.shutdownNow();
        }
        // B hands over (frees the lease); the client's retry opens the room here.
        leasesB.release(session, epoch);
        try (SignalingClient c = SignalingClient.connect(base, session, token, null)) {
            c.awaitWelcome(1, Duration.ofSeconds(20));
        }
    }

    @Test
    void anOwnerHandsItsRoomOverWhenAskedButNotRightAfterTakingIt() throws Exception {
        long session = fixture.session();
        try (SignalingClient chair = SignalingClient.connect(base, session, fixture.token(session, "chair"), null)) {
            chair.awaitWelcome(1, Duration.ofSeconds(20));
            long epoch = Long.parseLong(leasesA.holder(session).orElseThrow().split(" ")[1]);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(commandsA::subscribed);

            // Asked at once: the room came here moments ago (hand-over-after, 3 s in this profile), so it stays.
            askAsB(session);
            Awaitility.await()
                    .during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> !chair.isClosed());

            // Asked again later: the snapshot is written, the lease freed, and the socket told to reconnect.
            int code = Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                askAsB(session);
                                return chair.isClosed() ? chair.awaitClosed(Duration.ZERO) : null;
                            },
                            c -> c != null);
            assertEquals(1012, code, "reconnect at once");
            assertTrue(leasesA.holder(session).isEmpty(), "lease freed for the node the proxy chose");
            assertEquals(1, snapshots.read(session).orElseThrow().seats().size(), "the chair's seat travels");
            assertTrue(leasesB.acquire(session).getAsLong() > epoch, "B takes the room at once, at the next epoch");
        }
    }

    private void askAsB(long session) throws Exception {
        String command = seal.seal(
                commandsA.channel(),
                json.writeValueAsString(new RoomCommands.RoomCommand("test-node-b", session, "handover", null)));
        redis.call(api -> api.publish(commandsA.channel(), command));
    }
}
