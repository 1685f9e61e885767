package org.liandong.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.liandong.client.MeshClient;
import org.liandong.support.Awaits;

/** Real WebRTC peers (webrtc-java) negotiating through the room and exchanging real video. */
@QuarkusTest
class RoomMediaTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    RoomFixture fixture;

    MeshClient join(long session, String username) {
        MeshClient c = new MeshClient(base, session, fixture.token(session, username), null).join();
        c.signaling().await("welcome");
        return c;
    }

    static void eventually(String what, BooleanSupplier condition) {
        Awaits.until(what, condition);
    }

    @Test
    void threePeersEachReceiveVideoFromTheOtherTwo() {
        long s = fixture.session();
        try (MeshClient chair = join(s, "chair");
                MeshClient nr = join(s, "city.nr");
                MeshClient drc = join(s, "city.drc")) {
            List<MeshClient> all = List.of(chair, nr, drc);
            for (MeshClient receiver : all) {
                for (MeshClient sender : all) {
                    if (receiver != sender) {
                        eventually(
                                receiver.id() + " gets 10 frames from " + sender.id(),
                                () -> receiver.framesFrom(sender.id()) >= 10);
                    }
                }
            }
        }
    }

    @Test
    void aPeerWhoseSocketIsCutResumesItsSeatAndRoleAndMediaFlowsAgain() {
        long s = fixture.session();
        try (MeshClient chair = join(s, "chair");
                MeshClient nr = join(s, "city.nr")) {
            String chairId = chair.id();
            eventually("video both ways", () -> chair.framesFrom(nr.id()) >= 5 && nr.framesFrom(chairId) >= 5);

            chair.signaling().cut();
            nr.signaling().await("peer-away", m -> m.get("peer").asText().equals(chairId), Duration.ofSeconds(10));

            chair.reconnect();
            JsonNode welcome = chair.signaling().await("welcome");
            assertTrue(welcome.get("resumed").asBoolean());
            assertEquals(chairId, welcome.get("you").asText());
            assertTrue(welcome.get("chair").asBoolean(), "a chair stays chair");
            nr.signaling().await("peer-back", m -> m.at("/peer/id").asText().equals(chairId), Duration.ofSeconds(10));

            // The resumed seat restarted ICE; frames keep arriving both ways.
            long fromNr = chair.framesFrom(nr.id());
            long fromChair = nr.framesFrom(chairId);
            eventually(
                    "video after the resume",
                    () -> chair.framesFrom(nr.id()) >= fromNr + 10 && nr.framesFrom(chairId) >= fromChair + 10);
            // nr offered when it joined; the only offer from the chair is its ICE restart after resuming.
            nr.signaling().await("offer", m -> m.get("from").asText().equals(chairId), Duration.ofSeconds(10));

            // Chair powers still work on the resumed seat.
            chair.signaling().send("agenda", "step", 1);
            nr.signaling().await("agenda", m -> m.get("step").asInt() == 1, Duration.ofSeconds(10));
        }
    }
}
