package org.liandong.common;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * One entry of an aggregate's history: what happened, when, who did it. Never changed. Each
 * aggregate maps its own subclass and table ({@code project_event}, {@code session_event}).
 */
@MappedSuperclass
public abstract class TimelineEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private Instant at;
    private String type;
    private String actor;
    private String detail;

    protected TimelineEvent() {}

    protected TimelineEvent(Instant at, String type, String actor, String detail) {
        this.at = at;
        this.type = type;
        this.actor = actor;
        this.detail = detail;
    }

    public Long id() {
        return id;
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
