package org.liandong.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liandong.room.RoomFixture;

/**
 * HAProxy routes a room's sockets by a hash of the raw path, so every path that reaches a room must
 * be the one path the proxy hashes: {@code /rooms/{sessionId}} with the id in its canonical form. A
 * participant who could reach the room through another spelling ({@code /rooms/0123},
 * {@code /rooms/%31%32%33}, {@code /x/../rooms/123}) lands on a node of his choosing that does not
 * hold the room, which asks the live owner to hand the room over (RoomRegistry.askHandOver): every
 * such try makes everyone in the meeting reconnect, once per hand-over-after.
 */
@QuarkusTest
@TestProfile(RedisCluster.class)
class RoomPathTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    RoomFixture fixture;

    @Inject
    ClusterRedis redis;

    @Inject
    ClusterConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    RedisSeal seal;

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void redis() {
        RedisCluster.requireRedis();
    }

    @Test
    void aRoomPathOtherThanTheCanonicalOneIsRefusedBeforeAnyHoldOrHandOver() throws Exception {
        long session = fixture.session();
        String token = fixture.token(session, "city.nr");
        // A live node B holds the room (renews its lease); the proxy sends /rooms/{session} to B.
        RoomLeases leasesB = new RoomLeases(redis, config, new NodeIdentity("test-node-b"));
        long epoch = leasesB.acquire(session).orElseThrow();
        List<RoomCommands.RoomCommand> heardByB = new CopyOnWriteArrayList<>();
        RoomCommands commandsB = new RoomCommands(redis, new NodeIdentity("test-node-b"), json, seal);
        commandsB.listen(heardByB::add);
        ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor();
        try {
            renewals.scheduleAtFixedRate(() -> leasesB.renew(session, epoch), 0, 500, TimeUnit.MILLISECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(commandsB::subscribed);

            for (String path : List.of(
                    "/rooms/0" + session,
                    "/rooms/+" + session,
                    "/rooms/%2B" + session,
                    "/rooms/" + percentEncoded(session),
                    "/x/../rooms/" + session,
                    "/rooms/./" + session,
                    "//rooms/" + session)) {
                int status = status(path, token);
                assertTrue(status == 404 || status == 400, path + " answered " + status);
            }
            Awaitility.await()
                    .during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> heardByB.isEmpty());
            // The canonical path still reaches the hold and asks B (the proxy's own choice).
            assertEquals(503, status("/rooms/" + session, token));
        } finally {
            renewals.shutdownNow();
            leasesB.release(session, epoch);
        }
    }

    private static String percentEncoded(long session) {
        StringBuilder s = new StringBuilder();
        for (char c : Long.toString(session).toCharArray()) {
            s.append('%').append(Integer.toHexString(c).toUpperCase());
        }
        return s.toString();
    }

    /** The handshake status, or 101 when the upgrade was accepted. */
    private int status(String path, String token) {
        URI uri =
                URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + path + "?token=" + token);
        try {
            HTTP.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(uri, new WebSocket.Listener() {})
                    .join()
                    .sendClose(WebSocket.NORMAL_CLOSURE, "")
                    .join();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }
}
