package org.liandong.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liandong.client.SignalingClient;
import org.liandong.cluster.ClusterRedis;
import org.liandong.cluster.RedisCluster;
import org.liandong.cluster.RoomFence;
import org.liandong.cluster.RoomLeases;

/**
 * Redis restarted empty while this node held a room: its renewal finds no lease and no epoch counter.
 * That alone does not prove that nobody took the room meanwhile (this node may have been paused past
 * its lease, and another node took the room at a higher epoch before Redis restarted). PostgreSQL's
 * fence remembers such a takeover, so the room must be let go rather than taken back; otherwise two
 * nodes would own it until the other's next renewal (review of 2026-11-29).
 */
@QuarkusTest
@TestProfile(RedisCluster.class)
class LeaseTakenBackTest extends RoomSocketTestBase {

    @Inject
    RoomRegistry registry;

    @Inject
    ClusterRedis redis;

    @Inject
    RoomLeases leases;

    @Inject
    RoomFence fence;

    @Test
    void aRoomWhoseLeaseRedisForgotIsLetGoWhenPostgresqlKnowsANewerOwner() {
        RedisCluster.requireRedis();
        long session = fixture.session();
        SignalingClient chair = join(session, "chair");
        RoomRegistry.LiveRoom room = registry.existing(session);
        assertNotNull(room);
        long epoch = room.epoch;
        assertTrue(epoch > 0, "the cluster profile leases the room");

        fence.advance(session, epoch + 1); // another node took the room while this one was paused
        redis.call(api -> api.del(List.of(
                redis.key("room", session, "owner"), redis.key("room", session, "epoch")))); // Redis restarted empty
        registry.renewLeases();

        assertEquals(RoomRegistry.CLOSE_RECONNECT, chair.awaitClosed(WAIT), "sent to the newer owner");
        assertNull(registry.existing(session), "this node no longer holds the room");
        assertTrue(leases.holder(session).isEmpty(), "the lease it took back is released");
        assertEquals(epoch + 2, leases.acquire(session).orElseThrow(), "the next owner fences above the newer epoch");
    }
}
