package org.liandong.media;

import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liandong.cluster.ClusterRedis;
import org.liandong.cluster.RedisCluster;
import org.liandong.cluster.RoomCommands;
import org.liandong.room.RoomFixture;
import org.liandong.support.Fixtures;

/**
 * Recording switched on a node that does not hold the room, when the owner does not answer (a
 * node id that nobody runs holds the lease): a clear 504 problem after the request timeout, never
 * a 500; and with no owner at all the local answer, 409 room-not-live. This node runs in sfu mode
 * with the cluster on (Redis DB 7, a prefix of its own). The answered path is SfuOwnerKilledTest's.
 */
@Tag("media")
@QuarkusTest
@TestProfile(RecordingRelayTimeoutTest.Profile.class)
@QuarkusTestResource(value = JanusTestResource.class, restrictToAnnotatedClass = true)
class RecordingRelayTimeoutTest {

    static final String PREFIX = "lt-relay-" + UUID.randomUUID().toString().substring(0, 8) + ":";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "liandong.cluster.enabled", "true",
                    "liandong.cluster.redis-url", "redis://127.0.0.1:6379/7",
                    "liandong.cluster.key-prefix", PREFIX,
                    "liandong.cluster.node-id", "relay-test-node",
                    "liandong.cluster.secret", "relay-test-secret-" + UUID.randomUUID(),
                    "liandong.cluster.request-timeout", "PT2S");
        }
    }

    @Inject
    RoomFixture fixture;

    @Inject
    ClusterRedis redis;

    @Inject
    RoomCommands commands;

    @Test
    void anOwnerThatDoesNotAnswerIsA504AndNoOwnerIsRoomNotLive() {
        RedisCluster.requireRedis();
        long session = fixture.session();
        chair().body(Map.of("on", true))
                .post("/api/sessions/" + session + "/recording")
                .then()
                .statusCode(409)
                .body("type", endsWith("/room-not-live"));

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(commands::subscribed);
        String owner = PREFIX + "room:" + session + ":owner";
        redis.call(api -> api.set(List.of(owner, "ghost-node 7", "PX", "60000")));
        try {
            long asked = System.nanoTime();
            chair().body(Map.of("on", true))
                    .post("/api/sessions/" + session + "/recording")
                    .then()
                    .statusCode(504)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/room-owner-timeout"));
            long tookMs = (System.nanoTime() - asked) / 1_000_000;
            assertTrue(tookMs >= 1500 && tookMs < 8000, "waited about the request timeout (2 s): " + tookMs + " ms");
        } finally {
            redis.call(api -> api.del(List.of(owner)));
        }
    }

    private static io.restassured.specification.RequestSpecification chair() {
        return RestAssured.given()
                .auth()
                .preemptive()
                .basic("chair", Fixtures.PASSWORD)
                .contentType(ContentType.JSON);
    }
}
