package org.liandong.project;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of a project's timeline: what happened, when, and who did it. Never changed. */
@Entity
@Table(name = "project_event")
public class ProjectEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(optional = false)
    private Project project;
    private Instant at;
    private String type;
    private String actor;
    private String detail;

    protected ProjectEvent() {
    }

    ProjectEvent(Project project, Instant at, String type, String actor, String detail) {
        this.project = project;
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
