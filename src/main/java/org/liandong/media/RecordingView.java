package org.liandong.media;

import java.time.Instant;

/** A session's recording as the session page lists it; {@code sha256} is the digest of the file's bytes. */
public record RecordingView(
        long id,
        long sessionId,
        String participant,
        String fileName,
        String sha256,
        long bytes,
        String recordedBy,
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
                r.recordedAt(),
                r.expiresAt());
    }
}
