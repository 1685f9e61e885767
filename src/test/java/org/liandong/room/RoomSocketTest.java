package org.liandong.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liandong.client.SignalingClient;
import org.liandong.support.Awaits;
import org.liandong.support.Fixtures;

/** The room over its real socket: admission, lobby, quorum, hands, chair rules, bad input. */
@QuarkusTest
class RoomSocketTest extends RoomSocketTestBase {

    @Inject
    Clock clock;

    static String you(SignalingClient c) {
        return c.await("welcome").get("you").asText();
    }

    @Test
    void lobbyAdmitAndExcuseThenQuorumGateStartsTheSession() {
        long s = fixture.session();
        SignalingClient chair = join(s, "chair");
        assertTrue(chair.await("welcome").get("chair").asBoolean());
        assertEquals("mesh", chair.await("welcome").get("mediaMode").asText());

        SignalingClient applicant = join(s, "applicant");
        assertTrue(applicant.await("welcome").get("lobby").asBoolean());
        String applicantId = you(applicant);
        chair.await("lobby", m -> m.get("waiting").size() == 1, WAIT);

        chair.send("admit", "peer", applicantId);
        applicant.await("admitted");
        applicant.await("welcome", m -> !m.get("lobby").asBoolean(), WAIT);
        chair.await("peer-joined", m -> m.at("/peer/id").asText().equals(applicantId), WAIT);

        // Quorum: the chair's department is present, natural resources is missing.
        chair.send("start");
        assertEquals("quorum-not-met", chair.await("error").get("code").asText());
        assertEquals("SCHEDULED", fixture.status(s), "a refused start changes nothing");

        SignalingClient nr = join(s, "city.nr");
        chair.await("quorum", m -> m.at("/quorum/met").asBoolean(), WAIT);
        chair.send("start");
        chair.await(
                "phase",
                m -> m.get("phase").asText().equals("IN_PROGRESS"),
                WAIT.plusMillis(chair.all("error").size() > 1 ? 0 : 0));
        nr.await("phase", m -> m.get("phase").asText().equals("IN_PROGRESS"), WAIT);
        assertEquals("IN_PROGRESS", fixture.status(s));
        // Moving the agenda on is kept with the session: the minutes print when each step began.
        chair.send("agenda", "step", 1);
        Awaits.until(
                "agenda step 2 recorded",
                () -> Fixtures.as("chair")
                        .get("/api/sessions/" + s)
                        .jsonPath()
                        .getList("history.findAll { it.type == 'agenda-step' }.detail")
                        .contains("1"));

        chair.send("excuse", "peer", applicantId);
        applicant.await("excused");
        nr.await("peer-left", m -> m.get("reason").asText().equals("excused"), WAIT);
        // Back in the lobby the applicant cannot talk to the room.
        applicant.send("chat", "text", "hello?");
        assertEquals("in-lobby", applicant.await("error").get("code").asText());
    }

    @Test
    void handsAreQueuedInOrderAndChairActionsAreRefusedForOthers() {
        long s = fixture.session();
        SignalingClient chair = join(s, "chair");
        SignalingClient nr = join(s, "city.nr");
        SignalingClient drc = join(s, "city.drc");
        drc.send("hand", "raised", true);
        drc.await("hands", m -> m.get("queue").size() == 1, WAIT);
        nr.send("hand", "raised", true);
        JsonNode hands = chair.await("hands", m -> m.get("queue").size() == 2, WAIT);
        assertEquals(
                List.of(you(drc), you(nr)),
                List.of(
                        hands.get("queue").get(0).asText(),
                        hands.get("queue").get(1).asText()));

        for (String type : List.of("mute-all", "start")) {
            nr.send(type);
        }
        nr.send("remove", "peer", you(chair));
        nr.send("pass-chair", "peer", you(nr));
        nr.send("agenda", "step", 2);
        Awaits.until(
                "five refusals",
                () -> nr.all("error").stream()
                                .filter(e -> e.get("code").asText().equals("not-chair"))
                                .count()
                        == 5);
        assertFalse(chair.isClosed());
        assertTrue(chair.all("agenda").isEmpty());

        chair.send("mute", "peer", you(nr));
        nr.await("muted");
        chair.send("agenda", "step", 3);
        drc.await("agenda", m -> m.get("step").asInt() == 3, WAIT);
    }

    @Test
    void badInputIsAnsweredWithItsErrorAndTheRoomKeepsWorking() {
        long s = fixture.session();
        SignalingClient chair = join(s, "chair");
        SignalingClient nr = join(s, "city.nr");
        String chairId = you(chair);
        String nrId = you(nr);
        Map<String, String> cases = Map.of(
                "{not json",
                "bad-json",
                "{\"type\":\"dance\"}",
                "unknown-type",
                "{\"v\":9,\"type\":\"chat\",\"text\":\"x\"}",
                "unsupported-version",
                "{\"type\":\"chat\"}",
                "bad-field",
                "{\"type\":\"offer\",\"to\":\"p999\",\"data\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}",
                "unknown-peer",
                "{\"type\":\"chat\",\"text\":\"" + "x".repeat(20_000) + "\"}",
                "too-large");
        for (var c : cases.entrySet()) {
            nr.forget();
            nr.sendRaw(c.getKey());
            assertEquals(
                    c.getValue(),
                    nr.await("error").get("code").asText(),
                    c.getKey().substring(0, Math.min(40, c.getKey().length())));
        }
        // Still working: a chat goes round, and a relay reaches exactly its peer untouched.
        nr.send("chat", "text", "材料第3页");
        assertEquals("材料第3页", chair.await("chat").get("text").asText());
        nr.send("offer", "to", chairId, "data", Map.of("type", "offer", "sdp", "v=0 opaque"));
        JsonNode offer = chair.await("offer");
        assertEquals(nrId, offer.get("from").asText());
        assertEquals("v=0 opaque", offer.at("/data/sdp").asText());
    }

    @Test
    void aFloodIsRateLimitedThenClosedWhileOthersAreUnaffected() {
        long s = fixture.session();
        SignalingClient chair = join(s, "chair");
        SignalingClient nr = join(s, "city.nr");
        for (int i = 0; i < 400 && !nr.isClosed(); i++) {
            try {
                nr.sendRaw("{\"type\":\"hand\",\"raised\":" + (i % 2 == 0) + "}");
            } catch (RuntimeException closed) {
                break;
            }
        }
        assertEquals(RoomRegistry.CLOSE_RATE, nr.awaitClosed(WAIT));
        assertTrue(nr.all("error").stream().anyMatch(e -> e.get("code").asText().equals("rate-limited")));
        chair.send("chat", "text", "still here");
        assertEquals("still here", chair.await("chat").get("text").asText());
    }

    @Test
    void foreignExpiredOrMissingTokensAndForeignOriginsAreRefusedAtTheHandshake() {
        long s = fixture.session();
        long other = fixture.session();
        assertEquals(
                403, SignalingClient.refusalStatus(base, s, fixture.token(other, "city.nr"), null), "foreign session");
        assertEquals(401, SignalingClient.refusalStatus(base, s, "not.a.token", null), "garbage");
        assertEquals(401, SignalingClient.refusalStatus(base, s, null, null), "nothing");
        assertEquals(
                403,
                SignalingClient.refusalStatus(base, s, fixture.token(s, "city.nr"), "https://evil.example"),
                "origin");
        String own = base.toString().replaceAll("/$", "");
        assertEquals(-1, SignalingClient.refusalStatus(base, s, fixture.token(s, "city.nr"), own), "own origin");

        long ended = fixture.session(clock.instant().minus(Duration.ofHours(3)), Duration.ofHours(1));
        String late = fixture.token(ended, "city.nr");
        assertEquals(401, SignalingClient.refusalStatus(base, ended, late, null), "expired");
    }

    @Test
    void aWithdrawnInvitationDisconnectsTheLiveParticipantAtOnce() {
        long s = fixture.session();
        SignalingClient chair = join(s, "chair");
        String drcToken = fixture.token(s, "city.drc");
        SignalingClient drc = SignalingClient.connect(base, s, drcToken, null);
        clients.track(drc);
        String drcId = you(drc);
        fixture.withdraw(s, "city.drc");
        drc.await("removed");
        assertEquals(RoomRegistry.CLOSE_REMOVED, drc.awaitClosed(WAIT));
        chair.await(
                "peer-left",
                m -> m.get("peer").asText().equals(drcId)
                        && m.get("reason").asText().equals("removed"),
                WAIT);
        assertEquals(
                403, SignalingClient.refusalStatus(base, s, drcToken, null), "the old link no longer opens the room");
    }

    @Test
    void attendanceRowsMatchWhatHappened() {
        long s = fixture.session();
        SignalingClient chair = join(s, "chair");
        SignalingClient nr = join(s, "city.nr");
        SignalingClient drc = join(s, "city.drc");
        nr.send("leave");
        nr.close();
        chair.send("remove", "peer", you(drc));
        drc.awaitClosed(WAIT);
        chair.await("peer-left", m -> m.get("reason").asText().equals("removed"), WAIT);
        // Storage runs after the room's messages.
        List<Map<String, Object>> rows = org.awaitility.Awaitility.await("attendance stored")
                .atMost(WAIT)
                .until(
                        () -> Fixtures.as("coordinator")
                                .get("/api/sessions/" + s + "/attendance")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .<Map<String, Object>>getList("$"),
                        r -> r.size() == 3
                                && r.stream()
                                                .filter(x -> x.get("leaveReason") != null)
                                                .count()
                                        == 2);
        Map<String, Object> byNr = rows.stream()
                .filter(r -> r.get("username").equals("city.nr"))
                .findFirst()
                .orElseThrow();
        Map<String, Object> byDrc = rows.stream()
                .filter(r -> r.get("username").equals("city.drc"))
                .findFirst()
                .orElseThrow();
        Map<String, Object> byChair = rows.stream()
                .filter(r -> r.get("username").equals("chair"))
                .findFirst()
                .orElseThrow();
        assertEquals("LEFT", byNr.get("leaveReason"));
        assertEquals("370300-ZRZY", byNr.get("departmentCode"));
        assertEquals("REMOVED", byDrc.get("leaveReason"));
        assertEquals(null, byChair.get("leaveReason"));
        assertEquals("CHAIR", byChair.get("role"));
        String csv = Fixtures.as("coordinator")
                .accept("text/csv")
                .get("/api/sessions/" + s + "/attendance")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertTrue(csv.contains("city.nr") && csv.contains("LEFT"), csv);
    }
}
