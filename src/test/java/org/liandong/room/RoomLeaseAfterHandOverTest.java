package org.liandong.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.liandong.client.SignalingClient;
import org.liandong.cluster.ClusterRedis;
import org.liandong.cluster.RedisCluster;
import org.liandong.cluster.RedisSeal;
import org.liandong.cluster.RoomCommands;
import org.liandong.cluster.RoomLeases;

/**
 * The lease renewal sweep (RoomRegistry.renewLeases) walks the rooms while a hand-over runs on a
 * worker thread. A sweep that picked the room up before the hand-over removed it renews after the
 * release; the renewal script takes a released lease back (it cannot tell it from one that expired
 * while Redis was down), so the room's lease came back to this node for a room no longer here, and
 * the node the room was handed to waited out the whole TTL. Played deterministically: the room as
 * the sweep saw it is renewed after the hand-over.
 */
@QuarkusTest
@TestProfile(RedisCluster.class)
class RoomLeaseAfterHandOverTest {

    @Inject
    RoomFixture fixture;

    @Inject
    RoomRegistry registry;

    @Inject
    RoomLeases leases;

    @Inject
    ClusterRedis redis;

    @Inject
    RedisSeal seal;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aRenewalThatRacedAHandOverLeavesTheReleasedLeaseFree() throws Exception {
        RedisCluster.requireRedis();
        long session = fixture.session();
        try (SignalingClient chair = SignalingClient.connect(base, session, fixture.token(session, "chair"), null)) {
            chair.awaitWelcome(1, Duration.ofSeconds(20));
            RoomRegistry.LiveRoom seenBySweep = registry.existing(session);
            // Node B asks until the room's hand-over-after (3 s) has passed and it is handed over.
            int code = Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                askAsB(session);
                                return chair.isClosed() ? chair.awaitClosed(Duration.ZERO) : null;
                            },
                            c -> c != null);
            assertEquals(1012, code);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> leases.holder(session).isEmpty());

            registry.renew(seenBySweep); // the sweep's late turn for the room

            assertTrue(
                    leases.holder(session).isEmpty(),
                    "the released lease was taken back by this node: " + leases.holder(session));
        }
    }

    private void askAsB(long session) throws Exception {
        String channel = redis.key("room-commands");
        String command = seal.seal(
                channel,
                json.writeValueAsString(new RoomCommands.RoomCommand("test-node-b", session, "handover", null)));
        redis.call(api -> api.publish(channel, command));
    }
}
