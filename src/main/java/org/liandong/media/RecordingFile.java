package org.liandong.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * A playable recording made from Janus' raw {@code .mjr} dump with {@code janus-pp-rec}
 * (Debian package {@code janus-tools}), with the SHA-256 that is filed with the session.
 *
 * @param file   the playable file ({@code .webm} for VP8/VP9 video, {@code .opus} for audio)
 * @param sha256 lower-case hex digest of the file's bytes
 * @param bytes  its size
 */
public record RecordingFile(Path file, String sha256, long bytes) {

    /**
     * Converts one {@code .mjr} file next to itself; the output's extension follows the media
     * ({@code .webm} for video, {@code .opus} for audio).
     *
     * @throws IOException when janus-pp-rec is missing, fails, or writes nothing
     */
    public static RecordingFile postProcess(Path mjr) throws IOException {
        String name = mjr.getFileName().toString().replaceFirst("\\.mjr$", "");
        Path out = mjr.resolveSibling(name + (name.contains("-audio") ? ".opus" : ".webm"));
        Process process = new ProcessBuilder("janus-pp-rec", mjr.toString(), out.toString())
                .redirectErrorStream(true)
                .redirectOutput(mjr.resolveSibling(name + ".pp.log").toFile())
                .start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("janus-pp-rec timed out on " + mjr);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while converting " + mjr, e);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(out) || Files.size(out) == 0) {
            throw new IOException("janus-pp-rec failed on " + mjr + " (exit " + process.exitValue() + ")");
        }
        return new RecordingFile(out, sha256(out), Files.size(out));
    }

    /** Hex SHA-256 of a file, streamed. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
