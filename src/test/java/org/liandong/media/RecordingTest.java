package org.liandong.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.onvoid.webrtc.PeerConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.liandong.support.Requires;

/** The chair switches recording on and off; Janus' dump becomes a playable WebM with its digest. */
@Tag("media")
class RecordingTest {
    @RegisterExtension
    static final JanusLab lab = JanusLab.janus();

    static LocalMedia.Running janus;
    static PeerConnectionFactory factory;
    static JanusSession session;

    @BeforeAll
    static void start() {
        Requires.executable("janus-pp-rec", "/usr/bin/janus-pp-rec", "apt-get install -y janus-tools (or .ci/run)");
        janus = lab.janusProcess();
        factory = lab.factory();
        session = lab.session();
    }

    @Test
    void recordedPublisherBecomesPlayableWebmWithDigest() throws Exception {
        long room = ThreadLocalRandom.current().nextLong(1, 1L << 40);
        Path recordings =
                Files.createDirectories(janus.dir().resolve("recordings").resolve("room-" + room));
        JanusVideoRoom chair = new JanusVideoRoom(session.attachVideoRoom().join());
        chair.createRoom(room, "rec", TestMediaConfig.janus().adminKey(), 16, recordings.toString())
                .join();
        java.time.Instant before;
        java.time.Instant after;
        try (TestPeer publisher = new TestPeer(factory, TestPeer.defaultConfig())) {
            JanusFlows.publish(session, room, 31, publisher, "p31").get(10, TimeUnit.SECONDS);
            before = java.time.Instant.now();
            chair.enableRecording(room, "rec", true).get(5, TimeUnit.SECONDS);
            Thread.sleep(3000); // three seconds of content to record, not a wait
            chair.enableRecording(room, "rec", false).get(5, TimeUnit.SECONDS);
            after = java.time.Instant.now();
        }
        List<Path> dumps = waitForDumps(recordings);
        Path video = dumps.stream()
                .filter(p -> p.getFileName().toString().contains("video"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no video .mjr among " + dumps));

        long started = System.nanoTime();
        RecordingFile playable = RecordingFile.postProcess(video);
        System.out.printf(
                "MEDIA-FIGURE janus-pp-rec %d ms for %d bytes of WebM%n",
                (System.nanoTime() - started) / 1_000_000, playable.bytes());

        assertTrue(playable.file().toString().endsWith(".webm"));
        byte[] head = Arrays.copyOf(Files.readAllBytes(playable.file()), 64);
        assertArrayEquals(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3}, Arrays.copyOf(head, 4), "EBML header");
        assertTrue(new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).contains("webm"), "WebM doctype");
        assertTrue(playable.bytes() > 10_000, "three seconds of 640x480 video, got " + playable.bytes() + " bytes");
        assertEquals(RecordingFile.sha256(playable.file()), playable.sha256());
        assertEquals(64, playable.sha256().length());
        assertFalse(playable.sha256().equals(RecordingFile.sha256(video)), "digest is of the playable file");
        // Where the file begins, from the dump's header: the minutes' chapter marks are offsets from it.
        assertNotNull(playable.startedAt(), "start read from the .mjr header");
        assertFalse(
                playable.startedAt().isBefore(before.minusSeconds(1))
                        || playable.startedAt().isAfter(after),
                before + " <= " + playable.startedAt() + " <= " + after);
    }

    private static List<Path> waitForDumps(Path dir) {
        return org.awaitility.Awaitility.await("Janus writes a .mjr into " + dir)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            try (Stream<Path> files = Files.list(dir)) {
                                return files.filter(p -> p.toString().endsWith(".mjr"))
                                        .toList();
                            }
                        },
                        dumps -> !dumps.isEmpty());
    }
}
