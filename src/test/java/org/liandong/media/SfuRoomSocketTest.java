package org.liandong.media;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liandong.client.SignalingClient;
import org.liandong.room.RoomFixture;
import org.liandong.support.Awaits;
import org.liandong.support.Fixtures;
import org.liandong.support.Requires;

/**
 * The whole path in {@code sfu} mode: webrtc-java clients speak only to the service's room socket,
 * the service drives Janus. The chair's admit and excuse take effect on the media.
 */
// Janus media (H2 pass only): its database path, attendance, is the mesh room tests', which run on both databases.
@Tag("media")
@QuarkusTest
@QuarkusTestResource(value = JanusTestResource.class, restrictToAnnotatedClass = true)
class SfuRoomSocketTest {
    static PeerConnectionFactory factory;

    @TestHTTPResource("/")
    URI base;

    @Inject
    RoomFixture fixture;

    /** A participant: the room socket plus the sfu media client, as a browser in sfu mode runs them. */
    final class Participant implements AutoCloseable {
        final SignalingClient signaling;
        final SfuTestClient media;
        final String id;
        final long connectingAt = System.nanoTime();

        Participant(long session, String username) {
            this(session, username, false);
        }

        Participant(long session, String username, boolean microphone) {
            CompletableFuture<SignalingClient> socket = new CompletableFuture<>();
            media = new SfuTestClient(
                    username,
                    (peer, kind, to, data) -> socket.thenAccept(s -> s.send(kind, "to", to, "data", data)),
                    factory);
            media.microphone = microphone;
            signaling = SignalingClient.connect(base, session, fixture.token(session, username), null, m -> {
                String from = m.path("from").asText("");
                if (SfuRoom.PUBLISH.equals(from) || SfuRoom.SUBSCRIBE.equals(from)) {
                    media.receive(m.path("type").asText(), from, m.get("data"));
                }
            });
            socket.complete(signaling);
            JsonNode welcome = signaling.await("welcome");
            assertEquals("sfu", welcome.path("mediaMode").asText(), "the welcome names the media mode");
            id = welcome.path("you").asText();
            if (!welcome.path("lobby").asBoolean()) {
                media.publish();
            }
        }

        int framesFrom(Participant other) {
            return media.framesFrom(other.id);
        }

        /** From opening the room socket to the first remote video frame. */
        double firstFrameMs() {
            return (media.firstFrameNanos() - connectingAt) / 1e6;
        }

        @Override
        public void close() {
            signaling.close();
            media.close();
        }
    }

    @BeforeAll
    static void createFactory() {
        factory = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
    }

    @AfterAll
    static void disposeFactory() {
        if (factory != null) {
            factory.dispose();
        }
    }

    @BeforeEach
    void needsJanus() {
        Requires.executable("Janus", "/usr/bin/janus", "apt-get install -y janus janus-tools (or .ci/run)");
    }

    @Test
    void officialsAndTheAdmittedApplicantSeeEachOtherAndExcuseCutsTheApplicantOff() {
        long s = fixture.session();
        long started = System.nanoTime();
        try (Participant chair = new Participant(s, "chair");
                Participant nr = new Participant(s, "city.nr");
                Participant drc = new Participant(s, "city.drc")) {
            List<Participant> officials = List.of(chair, nr, drc);
            for (Participant receiver : officials) {
                for (Participant sender : officials) {
                    if (receiver != sender) {
                        Awaits.until(receiver.id + " receives " + sender.id, () -> receiver.framesFrom(sender) >= 5);
                    }
                }
            }
            System.out.printf(
                    "MEDIA-FIGURE sfu via room socket: 3 officials see each other %d ms after the first" + " connect%n",
                    (System.nanoTime() - started) / 1_000_000);

            try (Participant applicant = new Participant(s, "applicant")) {
                assertEquals(0, applicant.media.totalFrames(), "nothing reaches the lobby");
                chair.signaling.send("admit", "peer", applicant.id);
                applicant.signaling.await("welcome", m -> !m.get("lobby").asBoolean(), Duration.ofSeconds(10));
                applicant.media.publish();
                Awaits.until("applicant receives the chair", () -> applicant.framesFrom(chair) >= 5);
                Awaits.until("chair receives the applicant", () -> chair.framesFrom(applicant) >= 5);

                chair.signaling.send("excuse", "peer", applicant.id);
                applicant.signaling.await("excused");
                Awaits.quiet("the excused applicant stops receiving the deliberation", applicant.media::totalFrames, 5);

                chair.signaling.send("admit", "peer", applicant.id);
                applicant.signaling.await("admitted");
                int admittedAt = applicant.media.totalFrames();
                Awaits.until("media flows again after admit", () -> applicant.media.totalFrames() > admittedAt + 20);
            }
        }
    }

    /**
     * The chair's mute is enforced by Janus ({@code moderate}), so a client that ignores the
     * {@code muted} message is silenced all the same; when the participant turns the microphone on
     * again, Janus forwards its audio again.
     */
    @Test
    void aParticipantMutedByTheChairWhoUnmutesIsHeardAgain() {
        long s = fixture.session();
        try (Participant chair = new Participant(s, "chair", true);
                Participant nr = new Participant(s, "city.nr", true)) {
            nr.signaling.send("media", "mic", true, "camera", true, "screen", false);
            await("the chair hears city.nr")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> nr.media.audioPacketsFrom(chair.id) > 0 && chair.media.audioPacketsFrom(nr.id) > 50);

            chair.signaling.send("mute", "peer", nr.id);
            nr.signaling.await("muted");
            // Janus stops forwarding: two readings a second apart agree (the test client keeps sending).
            long[] last = {-1};
            await("Janus silences city.nr")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        long now = chair.media.audioPacketsFrom(nr.id);
                        boolean silent = now == last[0];
                        last[0] = now;
                        return silent;
                    });
            assertTrue(nr.media.audioPacketsFrom(chair.id) > 0, "the chair is still heard");

            nr.signaling.send("media", "mic", true, "camera", true, "screen", false);
            long mutedAt = chair.media.audioPacketsFrom(nr.id);
            await("the chair hears city.nr again")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> chair.media.audioPacketsFrom(nr.id) > mutedAt + 50);
        }
    }

    @Test
    void eightParticipantsEachReceiveEveryOtherThroughTheService() {
        long s = fixture.benchSessions(Fixtures.registerProject("applicant"), 1).get(0);
        List<String> people = RoomFixture.BENCH_SEATS.subList(0, 8);
        long started = System.nanoTime();
        List<Participant> room = new java.util.ArrayList<>();
        try {
            for (String username : people) {
                room.add(new Participant(s, username));
            }
            for (Participant receiver : room) {
                for (Participant sender : room) {
                    if (receiver != sender) {
                        Awaits.until(receiver.id + " receives " + sender.id, () -> receiver.framesFrom(sender) >= 5);
                    }
                }
            }
            System.out.printf(
                    "MEDIA-FIGURE sfu via room socket: 8 participants each receive all 7 others %d ms after"
                            + " the first connect%n",
                    (System.nanoTime() - started) / 1_000_000);
            double[] firstFrames = room.stream()
                    .mapToDouble(Participant::firstFrameMs)
                    .sorted()
                    .toArray();
            System.out.printf(
                    "MEDIA-FIGURE sfu via room socket: join to first remote frame, 8 participants: median %.0f ms,"
                            + " max %.0f ms%n",
                    firstFrames[firstFrames.length / 2], firstFrames[firstFrames.length - 1]);
        } finally {
            room.forEach(Participant::close);
        }
    }

    @Test
    void killingJanusMidSessionBringsTheMediaBackWithoutTouchingAttendance() throws Exception {
        long s = fixture.session();
        try (Participant chair = new Participant(s, "chair");
                Participant nr = new Participant(s, "city.nr")) {
            Awaits.until("both see each other", () -> chair.framesFrom(nr) >= 5 && nr.framesFrom(chair) >= 5);
            List<String> attendanceBefore = attendance(s);
            assertEquals(2, attendanceBefore.size(), attendanceBefore.toString());

            long killedAt = System.nanoTime();
            JanusTestResource.janus.kill();
            JanusTestResource.janus.restart();
            chair.signaling.await("media-reset", m -> true, Duration.ofSeconds(30));
            int chairAt = chair.framesFrom(nr);
            int nrAt = nr.framesFrom(chair);
            Awaits.until(
                    "media flows again after Janus came back",
                    () -> chair.framesFrom(nr) > chairAt + 10 && nr.framesFrom(chair) > nrAt + 10);
            System.out.printf(
                    "MEDIA-FIGURE sfu via room socket: Janus kill -9 and restart -> media again after %d ms%n",
                    (System.nanoTime() - killedAt) / 1_000_000);
            assertEquals(attendanceBefore, attendance(s), "nobody left the session while Janus was away");
        }
    }

    @Test
    void theChairRecordsAndTheSessionListsPlayableFilesWithTheirDigests() throws Exception {
        long s = fixture.session();
        try (Participant chair = new Participant(s, "chair");
                Participant nr = new Participant(s, "city.nr")) {
            Awaits.until("both see each other", () -> chair.framesFrom(nr) >= 5 && nr.framesFrom(chair) >= 5);
            Fixtures.as("city.nr")
                    .body(Map.of("on", true))
                    .post("/api/sessions/" + s + "/recording")
                    .then()
                    .statusCode(403);
            Fixtures.as("chair")
                    .body(Map.of())
                    .post("/api/sessions/" + s + "/recording")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo("on"));

            java.time.Instant switchedOn = java.time.Instant.now();
            Fixtures.as("chair")
                    .body(Map.of("on", true))
                    .post("/api/sessions/" + s + "/recording")
                    .then()
                    .statusCode(200);
            Awaits.until("everyone sees that recording is on", () -> chair.media.recording && nr.media.recording);
            int recordingFrom = chair.framesFrom(nr);
            Awaits.until("two seconds of media are recorded", () -> chair.framesFrom(nr) > recordingFrom + 30);
            List<Map<String, Object>> filed = Fixtures.as("chair")
                    .body(Map.of("on", false))
                    .post("/api/sessions/" + s + "/recording")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("$");
            assertEquals(2, filed.size(), "one recording per participant: " + filed);
            assertTrue(!chair.media.recording, "everyone sees that recording is off");

            List<Map<String, Object>> listed = Fixtures.as("observer")
                    .get("/api/sessions/" + s + "/recordings")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("$");
            assertEquals(filed, listed, "the session lists what was filed");
            for (Map<String, Object> recording : listed) {
                // Where the file begins (Janus' dump header): the origin of the minutes' chapter marks.
                java.time.Instant startedAt = java.time.Instant.parse((String) recording.get("startedAt"));
                assertTrue(
                        !startedAt.isBefore(switchedOn.minusSeconds(1))
                                && !startedAt.isAfter(java.time.Instant.parse((String) recording.get("recordedAt"))),
                        switchedOn + " <= " + startedAt + " <= " + recording.get("recordedAt"));
                byte[] bytes = Fixtures.as("coordinator")
                        .get("/api/sessions/" + s + "/recordings/" + recording.get("id") + "/file")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray();
                assertEquals(
                        recording.get("sha256"),
                        java.util.HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(bytes)),
                        "digest of the served file");
                assertEquals(((Number) recording.get("bytes")).longValue(), bytes.length);
                assertTrue(
                        bytes.length > 1000 && (bytes[0] & 0xff) == 0x1a && (bytes[1] & 0xff) == 0x45,
                        "a WebM (EBML) file");
            }
            Fixtures.as("applicant")
                    .get("/api/sessions/" + s + "/recordings")
                    .then()
                    .statusCode(403);
        }
    }

    /** Who attends, with join time and any leave: what a Janus crash must not change. */
    static List<String> attendance(long session) {
        return io.restassured.RestAssured.given()
                .auth()
                .preemptive()
                .basic("coordinator", "liandong-demo")
                .get("/api/sessions/" + session + "/attendance")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("collect { it.username + ' ' + it.joinedAt + ' ' + it.leftAt }", String.class);
    }
}
