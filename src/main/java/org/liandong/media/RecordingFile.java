package org.liandong.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * A playable recording made from Janus' raw {@code .mjr} dump with {@code janus-pp-rec}
 * (Debian package {@code janus-tools}), with the SHA-256 that is filed with the session.
 *
 * @param file      the playable file ({@code .webm} for VP8/VP9 video, {@code .opus} for audio)
 * @param sha256    lower-case hex digest of the file's bytes
 * @param bytes     its size
 * @param startedAt when the content begins (the {@code .mjr} header, see {@link #startOf}); null
 *                  when the header cannot be read
 */
public record RecordingFile(Path file, String sha256, long bytes, Instant startedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        return new RecordingFile(out, sha256(out), Files.size(out), startOf(mjr));
    }

    /** An already converted {@code out} of {@code mjr}. */
    static RecordingFile converted(Path mjr, Path out) throws IOException {
        return new RecordingFile(out, sha256(out), Files.size(out), startOf(mjr));
    }

    /**
     * When the recording's content begins, from the {@code .mjr} dump's JSON header
     * ({@code janus-pp-rec -j} prints it): field {@code u}, the first packet written, else {@code s},
     * the dump's creation, both microseconds since the epoch (Janus {@code record.c}). Null when it
     * cannot be read: the recording is still filed, only without chapter marks.
     */
    static Instant startOf(Path mjr) {
        try {
            Process process = new ProcessBuilder("janus-pp-rec", "-j", mjr.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            String header =
                    out.lines().filter(l -> l.startsWith("{")).findFirst().orElse("{}");
            JsonNode json = JSON.readTree(header);
            // "u": when the first packet was written (where the playable file begins); "s": when the dump was created.
            JsonNode at = json.path("u").isIntegralNumber() ? json.path("u") : json.path("s");
            return at.isIntegralNumber() ? Instant.EPOCH.plus(at.asLong(), ChronoUnit.MICROS) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
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
