package org.liandong.media;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A playable recording of one participant in a review session, filed with the session with the
 * SHA-256 of its bytes. Never edited; removed only when its retention period is over.
 */
@Entity
@Table(name = "session_recording")
public class SessionRecording {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "session_id")
    private long sessionId;

    private String participant;

    @Column(name = "file_name")
    private String fileName;

    private String path;
    private String sha256;
    private long bytes;

    @Column(name = "recorded_by")
    private String recordedBy;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    /** When the file's content begins (Janus' dump header); null for recordings filed before it was kept. */
    @Column(name = "started_at")
    private Instant startedAt;

    protected SessionRecording() {}

    SessionRecording(
            long sessionId,
            String participant,
            RecordingFile file,
            String recordedBy,
            Instant recordedAt,
            Instant expiresAt) {
        this.sessionId = sessionId;
        this.participant = participant;
        this.fileName = file.file().getFileName().toString();
        this.path = file.file().toAbsolutePath().toString();
        this.sha256 = file.sha256();
        this.bytes = file.bytes();
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
        this.expiresAt = expiresAt;
        this.startedAt = file.startedAt();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Long id() {
        return id;
    }

    public long sessionId() {
        return sessionId;
    }

    public String participant() {
        return participant;
    }

    public String fileName() {
        return fileName;
    }

    public String path() {
        return path;
    }

    public String sha256() {
        return sha256;
    }

    public long bytes() {
        return bytes;
    }

    public String recordedBy() {
        return recordedBy;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
