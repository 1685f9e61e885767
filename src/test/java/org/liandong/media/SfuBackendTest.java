package org.liandong.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liandong.room.protocol.Message;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * The {@code sfu} backend driven through its callbacks exactly as RoomRegistry and RoomSocket
 * call them: the room's media effects (publish, pause, resume, kick) take effect in Janus.
 */
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
        if (janus != null) {
            janus.close();
        }
    }

    static MediaConfig config(URI janus, Path recordings) {
        return new MediaConfig() {
            public Mode mode() {
                return Mode.SFU;
            }

            public Path recordingDir() {
                return recordings;
            }

            public Duration recordingRetention() {
                return Duration.ofDays(1);
            }

            public Janus janus() {
                return new Janus() {
                    public List<URI> hosts() {
                        return List.of(janus);
                    }

                    public String apiSecret() {
                        return JanusSettings.local().apiSecret();
                    }

                    public String adminKey() {
                        return JanusSettings.local().adminKey();
                    }

                    public Duration keepalive() {
                        return Duration.ofSeconds(25);
                    }

                    public Duration requestTimeout() {
                        return Duration.ofSeconds(10);
                    }

                    public Duration reconnectWindow() {
                        return Duration.ofSeconds(2);
                    }

                    public Duration retryDeadHostAfter() {
                        return Duration.ofMinutes(1);
                    }
                };
            }
        };
    }

    @Test
    void roomDecisionsTakeEffectInJanus() throws Exception {
        janus = LocalMedia.startJanus("janus-sfu-backend");
        factory = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
        backend = new SfuBackend(config(LocalMedia.janusUri(janus), janus.dir().resolve("recordings")));
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
            SfuTestClient client = new SfuTestClient(peer, (p, kind, to, data) -> backend.relay(session, p, kind, to, data),
                    factory);
            clients.put(peer, client);
            backend.publish(session, peer, peer);
            client.publish();
        }
        SfuTestClient chair = clients.get("chair");
        SfuTestClient applicant = clients.get("applicant");
        await(() -> applicant.framesFrom("chair") > 10 && chair.framesFrom("applicant") > 10, "both see each other");

        // The chair records a moment: one playable file per published stream, each with its digest.
        backend.room(session).record(true).get(5, java.util.concurrent.TimeUnit.SECONDS);
        await(() -> chair.recording && applicant.recording, "everyone is told that recording is on");
        Thread.sleep(2000);
        backend.room(session).record(false).get(5, java.util.concurrent.TimeUnit.SECONDS);
        List<SfuRoom.Recorded> recorded = backend.room(session).recordings();
        assertEquals(List.of("applicant", "chair"), recorded.stream().map(SfuRoom.Recorded::peer).sorted().toList(),
                "one video recording per participant");
        for (RecordingFile file : recorded.stream().map(SfuRoom.Recorded::file).toList()) {
            assertTrue(file.file().toString().endsWith(".webm") && file.bytes() > 1000, file.toString());
            assertEquals(RecordingFile.sha256(file.file()), file.sha256());
        }

        // Excused to the lobby: the deliberation's media stops reaching the applicant.
        backend.pauseSubscription(session, "applicant");
        Thread.sleep(700);
        int excusedAt = applicant.framesFrom("chair");
        Thread.sleep(1500);
        assertTrue(applicant.framesFrom("chair") - excusedAt < 5, "excused applicant still receives the chair");

        backend.resumeSubscription(session, "applicant");
        int admittedAt = applicant.framesFrom("chair");
        await(() -> applicant.framesFrom("chair") > admittedAt + 15, "admitted applicant receives again");

        // Removed by the chair: Janus kicks the publisher, nobody receives it any more.
        backend.kick(session, "applicant");
        Thread.sleep(700);
        int removedAt = chair.framesFrom("applicant");
        Thread.sleep(1500);
        assertTrue(chair.framesFrom("applicant") - removedAt < 5, "removed participant still reaches the chair");

        backend.closed(session);
        assertFalse(backend.room(session) != null, "room forgotten");
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " (timed out)");
            }
            Thread.sleep(50);
        }
    }
}
