package org.liandong.session;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of a session's history (scheduled, rescheduled with reason, cancelled, opened...). Never changed. */
@Entity
@Table(name = "session_event")
public class SessionEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    private ReviewSession session;
    private Instant at;
    private String type;
    private String actor;
    private String detail;

    protected SessionEvent() {
    }

    SessionEvent(ReviewSession session, Instant at, String type, String actor, String detail) {
        this.session = session;
        this.at = at;
        this.type = type;
        this.actor = actor;
        this.detail = detail;
    }

    public Instant at() {
        return at;
    }

    public String type() {
        return type;
    }

    public String actor() {
        return actor;
    }

    public String detail() {
        return detail;
    }
}
