package org.liandong.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * The recording files of one live {@code sfu} room: Janus writes one raw {@code .mjr} dump per
 * published stream into {@link #dir()} (the room's {@code rec_dir}), named after the publisher's
 * feed ({@link #baseName}); {@link #list} turns them into playable files with their SHA-256 and
 * names the participant each one shows.
 */
final class SfuRecordings {

    /** A playable recording and the participant (room peer id) it shows. */
    public record Recorded(String peer, RecordingFile file) {}

    private final Path dir;

    /** One directory per live room, so that a room opened again later never mixes in older dumps. */
    SfuRecordings(Path recordingDir, long sessionId) {
        this.dir = recordingDir.resolve("session-" + sessionId).resolve("room-" + System.currentTimeMillis());
    }

    Path dir() {
        return dir;
    }

    void createDir() throws IOException {
        Files.createDirectories(dir);
    }

    /** The dump name of a publisher's streams: its feed and the Janus room's generation. */
    static String baseName(long feed, int generation) {
        return "f" + feed + "-g" + generation;
    }

    /**
     * The dumps written so far as playable files ({@code .webm} video, {@code .opus} audio;
     * converted once, then reused), each with the participant {@code peerOfFeed} names, or
     * {@code unknown}. Call after recording stopped.
     */
    List<Recorded> list(LongFunction<String> peerOfFeed) throws IOException {
        List<Recorded> recorded = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return recorded;
        }
        try (Stream<Path> dumps = Files.list(dir)) {
            for (Path mjr :
                    dumps.filter(f -> f.toString().endsWith(".mjr")).sorted().toList()) {
                Path out = mjr.resolveSibling(mjr.getFileName().toString().replaceFirst("\\.mjr$", "")
                        + (mjr.toString().contains("-audio") ? ".opus" : ".webm"));
                RecordingFile file =
                        Files.exists(out) ? RecordingFile.converted(mjr, out) : RecordingFile.postProcess(mjr);
                String name = out.getFileName().toString();
                String peer = name.matches("f\\d+-.*")
                        ? peerOfFeed.apply(Long.parseLong(name.substring(1, name.indexOf('-'))))
                        : null;
                recorded.add(new Recorded(peer == null ? "unknown" : peer, file));
            }
        }
        return recorded;
    }
}
