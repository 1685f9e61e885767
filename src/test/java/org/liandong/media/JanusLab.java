package org.liandong.media;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension for tests that talk to real Janus (and coturn): the run's one Janus and coturn
 * ({@link LocalMedia#janus()}, {@link LocalMedia#turn()}, started on first use, stopped when the
 * run ends), plus per test class a webrtc-java factory and an open Janus session, closed after it.
 * Register with {@code @RegisterExtension static final JanusLab lab = JanusLab.janus();}.
 * Tests that kill a Janus for good start their own with {@link LocalMedia#startJanus}.
 */
final class JanusLab implements BeforeAllCallback, AfterAllCallback {
    private final boolean withTurn;
    private LocalMedia.Running janus;
    private LocalMedia.Running turn;
    private PeerConnectionFactory factory;
    private ScheduledExecutorService timer;
    private JanusSession session;

    private JanusLab(boolean withTurn) {
        this.withTurn = withTurn;
    }

    static JanusLab janus() {
        return new JanusLab(false);
    }

    static JanusLab janusAndTurn() {
        return new JanusLab(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (withTurn) {
            turn = LocalMedia.turn();
        }
        janus = LocalMedia.janus();
        factory = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "janus-lab"));
        session = JanusSession.open(LocalMedia.janusUri(janus), TestMediaConfig.janus(), timer, (s, e) -> {})
                .get(10, TimeUnit.SECONDS);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (session != null) {
            session.close();
        }
        if (factory != null) {
            factory.dispose();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    LocalMedia.Running janusProcess() {
        return janus;
    }

    LocalMedia.Running turnProcess() {
        return turn;
    }

    PeerConnectionFactory factory() {
        return factory;
    }

    JanusSession session() {
        return session;
    }

    /**
     * A new VideoRoom on the run's Janus (random id, 16 publishers, room secret {@code secret}),
     * recording into {@code recordings/} under Janus' own folder; returns the room id.
     */
    long newRoom(String secret) {
        long room = ThreadLocalRandom.current().nextLong(1, 1L << 40);
        new JanusVideoRoom(session.attachVideoRoom().join())
                .createRoom(
                        room,
                        secret,
                        TestMediaConfig.janus().adminKey(),
                        16,
                        janus.dir().resolve("recordings").toString())
                .join();
        return room;
    }
}
