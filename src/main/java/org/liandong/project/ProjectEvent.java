package org.liandong.project;

import jakarta.persistence.Entity;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.liandong.common.TimelineEvent;

/** One entry of a project's timeline. */
@Entity
@Table(name = "project_event")
public class ProjectEvent extends TimelineEvent {

    @ManyToOne(optional = false)
    private Project project;

    protected ProjectEvent() {}

    ProjectEvent(Project project, Instant at, String type, String actor, String detail) {
        super(at, type, actor, detail);
        this.project = project;
    }
}
