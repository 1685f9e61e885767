package org.liandong.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.liandong.support.Fixtures.at;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liandong.common.ProblemException;
import org.liandong.session.JoinTokenService;
import org.liandong.support.Fixtures;
import org.liandong.support.TestClock;

/**
 * An invitation withdrawn on another node: the owner of the room gets the {@code withdraw} room
 * command and disconnects the person, and from then on its admission cache must refuse the
 * withdrawn link too; otherwise the person reconnects at once on the cached snapshot and keeps the
 * seat (the command has already been handled, nothing kicks them again). Redis DB 7, own prefix.
 */
@QuarkusTest
@TestProfile(RemoteWithdrawalTest.Profile.class)
class RemoteWithdrawalTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "liandong.cluster.enabled", "true",
                    "liandong.cluster.redis-url", "redis://127.0.0.1:6379/7",
                    "liandong.cluster.key-prefix",
                            "lt-review-" + UUID.randomUUID().toString().substring(0, 8) + ":",
                    "liandong.cluster.node-id", "test-node-a",
                    "liandong.cluster.secret", RedisCluster.SECRET);
        }
    }

    @Inject
    Fixtures fx;

    @Inject
    TestClock clock;

    @Inject
    JoinTokenService tokens;

    @Inject
    ClusterRedis redis;

    @Inject
    RoomCommands commands;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    RedisSeal seal;

    @AfterEach
    void unpin() {
        clock.reset();
    }

    @Test
    void aWithdrawalOnAnotherNodeIsRefusedHereOnceItsRoomCommandArrived() throws Exception {
        RedisCluster.requireRedis();
        clock.set(Fixtures.BASE);
        Instant start = at(fx.freeDay(), 9, 0);
        long id = fx.schedule(fx.sessionRequest(fx.acceptedProject(false), start));
        long drc = fx.person("city.drc");
        String token = tokens.issue(id, drc);
        clock.set(start);
        assertEquals(drc, tokens.verify(token, id).personId()); // this node now holds the snapshot

        // Node B withdraws the invitation: its transaction commits, then it publishes the command.
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "update session_invitation set withdrawn_at = ?1, withdraw_reason = 'node b'"
                                        + " where session_id = ?2 and person_id = ?3")
                        .setParameter(1, start)
                        .setParameter(2, id)
                        .setParameter(3, drc)
                        .executeUpdate());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(commands::subscribed);
        String command = seal.seal(
                commands.channel(),
                json.writeValueAsString(new RoomCommands.RoomCommand("test-node-b", id, "withdraw", drc)));
        redis.call(api -> api.publish(commands.channel(), command));

        // The clock is pinned, so the cache's time to live never runs out: only the command can
        // make this node read the withdrawal.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ProblemException refused = assertThrows(ProblemException.class, () -> tokens.verify(token, id));
            assertEquals(403, refused.status());
        });
    }
}
