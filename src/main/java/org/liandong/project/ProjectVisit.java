package org.liandong.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.liandong.common.ProblemException;

/**
 * One in-person visit of the applicant's side to a service window, logged by a coordinator. Kept
 * as a record (never edited or deleted): the 零跑腿 / 一次跑腿 statistics count these rows.
 */
@Entity
@Table(name = "project_visit")
public class ProjectVisit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    private Project project;

    @Column(name = "visited_at")
    private Instant visitedAt;

    @Enumerated(EnumType.STRING)
    private VisitPurpose purpose;

    private String note;

    @Column(name = "logged_by")
    private String loggedBy;

    @Column(name = "logged_at")
    private Instant loggedAt;

    protected ProjectVisit() {}

    /** A visit may be logged late, but not before the project existed nor in the future. */
    public ProjectVisit(
            Project project, Instant visitedAt, VisitPurpose purpose, String note, String loggedBy, Instant now) {
        if (visitedAt.isAfter(now)) {
            throw ProblemException.invalid("visitedAt", "a visit cannot lie in the future");
        }
        if (visitedAt.isBefore(project.createdAt())) {
            throw ProblemException.invalid("visitedAt", "the project was registered only at " + project.createdAt());
        }
        if (purpose == VisitPurpose.OTHER && (note == null || note.isBlank())) {
            throw ProblemException.invalid("note", "say what the visit was for");
        }
        this.project = project;
        this.visitedAt = visitedAt;
        this.purpose = purpose;
        this.note = note;
        this.loggedBy = loggedBy;
        this.loggedAt = now;
    }

    public Long id() {
        return id;
    }

    public Project project() {
        return project;
    }

    public Instant visitedAt() {
        return visitedAt;
    }

    public VisitPurpose purpose() {
        return purpose;
    }

    public String note() {
        return note;
    }

    public String loggedBy() {
        return loggedBy;
    }

    public Instant loggedAt() {
        return loggedAt;
    }
}
