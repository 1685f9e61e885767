package org.liandong.session;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.liandong.common.TimelineEvent;

/** One entry of a session's history (scheduled, rescheduled with reason, cancelled, opened...). */
@Entity
@Table(name = "session_event")
public class SessionEvent extends TimelineEvent {

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    private ReviewSession session;

    protected SessionEvent() {}

    SessionEvent(ReviewSession session, Instant at, String type, String actor, String detail) {
        super(at, type, actor, detail);
        this.session = session;
    }
}
