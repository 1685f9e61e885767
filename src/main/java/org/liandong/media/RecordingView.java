package org.liandong.media;

import java.time.Instant;

/**
 * A session's recording as the session page lists it; {@code sha256} is the digest of the file's
 * bytes; {@code startedAt} is where the file's content begins (null if unknown), the origin of the
 * minutes' chapter marks; {@code recordedAt} is when it was filed.
 */
public record RecordingView(
        long id,
        long sessionId,
        String participant,
        String fileName,
        String sha256,
        long bytes,
        String recordedBy,
        Instant startedAt,
        Instant recordedAt,
        Instant expiresAt) {

    static RecordingView of(SessionRecording r) {
        return new RecordingView(
                r.id(),
                r.sessionId(),
                r.participant(),
                r.fileName(),
                r.sha256(),
                r.bytes(),
                r.recordedBy(),
                r.startedAt(),
                r.recordedAt(),
                r.expiresAt());
    }
}
