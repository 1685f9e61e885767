package org.liandong.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The chair removed this person from the session's room. Kept for the session's life, so that
 * neither a restart nor an emptied room forgets it: a removed official or observer is refused at
 * the door, a removed applicant or proxy agent may only wait in the lobby. Never changed.
 */
@Entity
@Table(name = "session_removal")
public class SessionRemoval {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "session_id")
    private long sessionId;

    @Column(name = "person_id")
    private long personId;

    @Column(name = "removed_by")
    private String removedBy;

    @Column(name = "removed_at")
    private Instant removedAt;

    protected SessionRemoval() {}

    SessionRemoval(long sessionId, long personId, String removedBy, Instant removedAt) {
        this.sessionId = sessionId;
        this.personId = personId;
        this.removedBy = removedBy;
        this.removedAt = removedAt;
    }

    public long personId() {
        return personId;
    }
}
