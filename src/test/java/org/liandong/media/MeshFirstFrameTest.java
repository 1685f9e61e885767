package org.liandong.media;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The mesh baseline for bench/RESULTS.md: two peers connected directly, as browsers do in mesh mode. */
@Tag("media")
class MeshFirstFrameTest {

    @Test
    void directPeersExchangeFrames() throws Exception {
        PeerConnectionFactory factory = new PeerConnectionFactory(new HeadlessAudioDeviceModule());
        try (TestPeer sender = new TestPeer(factory, TestPeer.defaultConfig());
                TestPeer receiver = new TestPeer(factory, TestPeer.defaultConfig())) {
            sender.onCandidate(receiver::addRemoteCandidate);
            receiver.onCandidate(sender::addRemoteCandidate);
            long start = System.nanoTime();
            sender.addCamera();
            receiver.answer(sender.offer().get(5, TimeUnit.SECONDS))
                    .thenCompose(sender::setRemote)
                    .get(5, TimeUnit.SECONDS);
            JanusSfuTest.awaitFrames(receiver, 1, Duration.ofSeconds(10));
            double firstFrameMs = (receiver.firstFrameNanos.get() - start) / 1e6;
            double fps = receiver.measureFps(3000);
            System.out.printf("MEDIA-FIGURE mesh first frame %.0f ms after offer, %.1f fps%n", firstFrameMs, fps);
            assertTrue(fps > 3, "direct peers carry a steady stream, got " + fps);
        } finally {
            factory.dispose();
        }
    }
}
