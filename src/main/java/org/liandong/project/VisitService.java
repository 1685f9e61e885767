package org.liandong.project;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.liandong.account.CurrentUser;
import org.liandong.common.AuditEvent;
import org.liandong.common.ProblemException;

/** Logs and lists the in-person visits of a project (coordinators log; staff and observers read). */
@ApplicationScoped
@Transactional
public class VisitService {

    private final ProjectRepository projects;
    private final CurrentUser me;
    private final Clock clock;
    private final Event<AuditEvent> audit;

    VisitService(ProjectRepository projects, CurrentUser me, Clock clock, Event<AuditEvent> audit) {
        this.projects = projects;
        this.me = me;
        this.clock = clock;
        this.audit = audit;
    }

    public VisitView logVisit(long projectId, VisitRequest r) {
        Project p =
                projects.findByIdOptional(projectId).orElseThrow(() -> ProblemException.notFound("project", projectId));
        ProjectVisit v = new ProjectVisit(
                p, r.visitedAt(), r.purpose(), r.note(), me.person().username(), clock.instant());
        projects.getEntityManager().persist(v);
        projects.getEntityManager().flush();
        audit.fire(new AuditEvent(
                "project",
                p.id().toString(),
                "visit-logged",
                me.person().username(),
                clock.instant(),
                Map.of(
                        "visitId",
                        v.id(),
                        "purpose",
                        v.purpose().name(),
                        "visitedAt",
                        v.visitedAt().toString())));
        return VisitView.of(v);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<VisitView> listVisits(long projectId) {
        if (projects.findByIdOptional(projectId).isEmpty()) {
            throw ProblemException.notFound("project", projectId);
        }
        return projects
                .getEntityManager()
                .createQuery(
                        "from ProjectVisit v where v.project.id = :p order by v.visitedAt, v.id", ProjectVisit.class)
                .setParameter("p", projectId)
                .getResultList()
                .stream()
                .map(VisitView::of)
                .toList();
    }
}
