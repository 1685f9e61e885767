package org.liandong.project;

import java.time.Instant;

/** A logged in-person visit. */
public record VisitView(
        long id,
        long projectId,
        Instant visitedAt,
        VisitPurpose purpose,
        String note,
        String loggedBy,
        Instant loggedAt) {

    static VisitView of(ProjectVisit v) {
        return new VisitView(
                v.id(), v.project().id(), v.visitedAt(), v.purpose(), v.note(), v.loggedBy(), v.loggedAt());
    }
}
