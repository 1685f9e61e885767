package org.liandong.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liandong.room.protocol.Message;
import org.liandong.support.Awaits;

/**
 * The {@code sfu} backend driven through its callbacks exactly as RoomRegistry and RoomSocket
 * call them: the room's media effects (publish, pause, resume, kick) take effect in Janus.
 */
@Tag("media")
class SfuBackendTest {
    LocalMedia.Running janus;
    PeerConnectionFactory factory;
    SfuBackend backend;
    final Map<String, SfuTestClient> clients = new ConcurrentHashMap<>();

    @AfterEach
    void stop() throws Exception {
        clients.values().forEach(SfuTestClient::close);
        if (backend != null) {
            backend.close();
        }
        if (factory != null) {
            factory.dispose();
        }
    }

    @Test
    void roomDecisionsTakeEffectInJanus() throws Exception {
        janus = LocalMedia.janus();
        factory = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
        backend = new SfuBackend(
                TestMediaConfig.sfu(LocalMedia.janusUri(janus), janus.dir().resolve("recordings")));
        assertEquals("sfu", backend.mode());
        assertTrue(backend.addresses("sfu") && backend.addresses("sfu-in") && !backend.addresses("p1"));
        long session = 9;
        backend.opened(session, (peer, message) -> {
            Message.Relay relay = (Message.Relay) message;
            try {
                clients.get(peer).receive(relay.type(), relay.from(), JanusSession.JSON.readTree(relay.data()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        for (String peer : List.of("chair", "applicant")) {
            SfuTestClient client =
                    new SfuTestClient(peer, (p, kind, to, data) -> backend.relay(session, p, kind, to, data), factory);
            clients.put(peer, client);
            backend.publish(session, peer, peer);
            client.publish();
        }
        SfuTestClient chair = clients.get("chair");
        SfuTestClient applicant = clients.get("applicant");
        Awaits.until(
                "both see each other", () -> applicant.framesFrom("chair") > 10 && chair.framesFrom("applicant") > 10);

        // The chair records a moment: one playable file per published stream, each with its digest.
        backend.room(session).record(true).get(5, java.util.concurrent.TimeUnit.SECONDS);
        Awaits.until("everyone is told that recording is on", () -> chair.recording && applicant.recording);
        int recordingFrom = chair.framesFrom("applicant");
        Awaits.until("two seconds of media are recorded", () -> chair.framesFrom("applicant") > recordingFrom + 30);
        backend.room(session).record(false).get(5, java.util.concurrent.TimeUnit.SECONDS);
        List<SfuRecordings.Recorded> recorded = backend.room(session).recordings();
        assertEquals(
                List.of("applicant", "chair"),
                recorded.stream().map(SfuRecordings.Recorded::peer).sorted().toList(),
                "one video recording per participant");
        for (RecordingFile file :
                recorded.stream().map(SfuRecordings.Recorded::file).toList()) {
            assertTrue(file.file().toString().endsWith(".webm") && file.bytes() > 1000, file.toString());
            assertEquals(RecordingFile.sha256(file.file()), file.sha256());
        }

        // Excused to the lobby: the deliberation's media stops reaching the applicant.
        backend.pauseSubscription(session, "applicant");
        Awaits.quiet("the excused applicant stops receiving the chair", () -> applicant.framesFrom("chair"), 5);

        backend.resumeSubscription(session, "applicant");
        int admittedAt = applicant.framesFrom("chair");
        Awaits.until("admitted applicant receives again", () -> applicant.framesFrom("chair") > admittedAt + 15);

        // Removed by the chair: Janus kicks the publisher, nobody receives it any more.
        backend.kick(session, "applicant");
        Awaits.quiet("the removed participant stops reaching the chair", () -> chair.framesFrom("applicant"), 5);

        backend.closed(session);
        assertFalse(backend.room(session) != null, "room forgotten");
    }
}
