package org.liandong.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.liandong.client.Backoff;
import org.liandong.client.SignalingClient;

/**
 * The Java client's own reconnect (docs/signaling.md, "Reconnecting") against the real socket: a
 * dropped socket comes back by itself with the same seat; a final close code ends it for good.
 * The 1012 path runs against real draining nodes in {@code cluster/OwnerKilledTest}.
 */
@QuarkusTest
class ReconnectingClientTest extends RoomSocketTestBase {

    private SignalingClient reconnecting(long session, String who) {
        SignalingClient c = SignalingClient.reconnecting(
                        base, session, fixture.token(session, who), null, Backoff.standard(), m -> {})
                .start();
        return clients.track(c);
    }

    @Test
    void aDroppedSocketComesBackByItselfWithTheSameSeat() {
        long s = fixture.session();
        SignalingClient chair = join(s, "chair");
        SignalingClient nr = reconnecting(s, "city.nr");
        JsonNode first = nr.awaitWelcome(1, WAIT);
        nr.cut();
        JsonNode again = nr.awaitWelcome(2, Duration.ofSeconds(20));
        assertTrue(again.get("resumed").asBoolean(), "resumed: " + again);
        assertEquals(first.get("you").asText(), again.get("you").asText(), "the same seat");
        assertEquals(List.of(1006), nr.losses());
        chair.await("peer-back", m -> true, WAIT);
    }

    @Test
    void aFinalCloseCodeEndsTheReconnecting() {
        long s = fixture.session();
        SignalingClient chair = join(s, "chair");
        SignalingClient observer = reconnecting(s, "observer");
        String peer = observer.awaitWelcome(1, WAIT).get("you").asText();
        chair.send("remove", "peer", peer);
        Awaitility.await().atMost(WAIT).until(() -> observer.losses().contains(4001));
        // Given time for several attempts (the first window is 0.5 s), it still made none.
        Awaitility.await()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> observer.losses().equals(List.of(4001))
                        && observer.all("welcome").size() == 1);
    }
}
