package org.liandong.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.PeerConnectionFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.liandong.support.Awaits;

/**
 * The Janus client against a real Janus on loopback with real webrtc-java peers: a publisher's
 * frames reach a subscriber through Janus; kick, pause/resume and wrong secrets behave.
 */
@Tag("media")
class JanusSfuTest {
    @RegisterExtension
    static final JanusLab lab = JanusLab.janus();

    static LocalMedia.Running janus;
    static PeerConnectionFactory factory;
    static JanusSession session;

    @BeforeAll
    static void start() {
        janus = lab.janusProcess();
        factory = lab.factory();
        session = lab.session();
    }

    static long newRoom(String secret) {
        return lab.newRoom(secret);
    }

    @Test
    void publisherFramesReachSubscriberThroughJanus() throws Exception {
        long room = newRoom("s3cret");
        try (TestPeer publisher = new TestPeer(factory, TestPeer.defaultConfig());
                TestPeer subscriber = new TestPeer(factory, TestPeer.defaultConfig())) {
            long start = System.nanoTime();
            JanusFlows.publish(session, room, 101, publisher, null).get(10, TimeUnit.SECONDS);
            JanusVideoRoom viewer = JanusFlows.subscribe(session, room, List.of(101L), subscriber)
                    .get(10, TimeUnit.SECONDS);
            subscriber.connected.get(10, TimeUnit.SECONDS);
            awaitFrames(subscriber, 1, Duration.ofSeconds(30));
            double firstFrameMs = (subscriber.firstFrameNanos.get() - start) / 1e6;
            double fps = subscriber.measureFps(3000);
            System.out.printf("MEDIA-FIGURE janus first frame %.0f ms after publish, %.1f fps%n", firstFrameMs, fps);
            // A steady stream, not a speed target (bench/RESULTS.md has the figures; this machine is shared).
            assertTrue(fps > 3, "subscriber receives a steady stream, got " + fps + " fps");

            // Paused (excused) subscribers stop receiving; resumed ones get frames again.
            viewer.pause().get(5, TimeUnit.SECONDS);
            Awaits.quiet("the paused subscriber stops receiving", subscriber.framesReceived::get, 2);
            viewer.resume().get(5, TimeUnit.SECONDS);
            awaitMoreFrames(subscriber, 15, Duration.ofSeconds(30));
        }
    }

    @Test
    void kickStopsPublisherAndNeedsTheSecret() throws Exception {
        long room = newRoom("chair-only");
        try (TestPeer publisher = new TestPeer(factory, TestPeer.defaultConfig());
                TestPeer subscriber = new TestPeer(factory, TestPeer.defaultConfig())) {
            JanusFlows.publish(session, room, 201, publisher, null).get(10, TimeUnit.SECONDS);
            JanusFlows.subscribe(session, room, List.of(201L), subscriber).get(10, TimeUnit.SECONDS);
            awaitFrames(subscriber, 10, Duration.ofSeconds(30));

            JanusVideoRoom chair = new JanusVideoRoom(session.attachVideoRoom().join());
            CompletionException wrong = assertThrows(
                    CompletionException.class,
                    () -> chair.kick(room, "guessed", 201).join());
            assertEquals(433, ((JanusException) wrong.getCause()).code(), "unauthorized");
            assertEquals(List.of(201L), chair.listPublishers(room).join());

            chair.kick(room, "chair-only", 201).get(5, TimeUnit.SECONDS);
            assertEquals(List.of(), chair.listPublishers(room).join());
            Awaits.quiet("the kicked publisher stops reaching the subscriber", subscriber.framesReceived::get, 2);
        }
    }

    @Test
    void aRoomCannotBeCreatedWithoutTheAdminKey() {
        JanusVideoRoom browserLike =
                new JanusVideoRoom(session.attachVideoRoom().join());
        CompletionException denied = assertThrows(
                CompletionException.class,
                () -> browserLike
                        .createRoom(4242, "x", "not-the-key", 4, "/tmp")
                        .join());
        assertEquals(433, ((JanusException) denied.getCause()).code(), "unauthorized without the admin key");
    }

    static void awaitFrames(TestPeer peer, int count, Duration within) {
        org.awaitility.Awaitility.await(count + " frames")
                .atMost(within)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> peer.framesReceived.get() >= count);
    }

    static void awaitMoreFrames(TestPeer peer, int more, Duration within) throws InterruptedException {
        awaitFrames(peer, peer.framesReceived.get() + more, within);
    }
}
