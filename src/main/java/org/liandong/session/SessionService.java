package org.liandong.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.liandong.common.AuditEvent;
import org.liandong.common.ProblemException;
import org.liandong.directory.Person;
import org.liandong.directory.PersonRepository;

/**
 * Runs a session's lifecycle for the room and for decisions. Methods take the acting username
 * (the room has no HTTP request) and check that the actor may run the session; every state change
 * fires an {@link AuditEvent}. Scheduling (create, reschedule, cancel, invitations) lives in
 * {@link SchedulingService}.
 */
@ApplicationScoped
@Transactional
public class SessionService {

    private final SessionRepository sessions;
    private final PersonRepository people;
    private final AttendanceService attendance;
    private final SessionRemovalRepository removals;
    private final SessionConfig config;
    private final Clock clock;
    private final Event<AuditEvent> audit;
    private final Event<SessionAdmissions.AdmissionChanged> admissionChanged;

    SessionService(
            SessionRepository sessions,
            PersonRepository people,
            AttendanceService attendance,
            SessionRemovalRepository removals,
            SessionConfig config,
            Clock clock,
            Event<AuditEvent> audit,
            Event<SessionAdmissions.AdmissionChanged> admissionChanged) {
        this.admissionChanged = admissionChanged;
        this.sessions = sessions;
        this.people = people;
        this.attendance = attendance;
        this.removals = removals;
        this.config = config;
        this.clock = clock;
        this.audit = audit;
    }

    /** The chair (or a coordinator) opens the lobby: SCHEDULED → OPEN. */
    public SessionView open(long sessionId, String actor) {
        return act(sessionId, actor, (s, p) -> s.open(p, clock.instant()));
    }

    /**
     * Quorum reached: OPEN → IN_PROGRESS and the project moves to IN_REVIEW. 409
     * {@code quorum-not-reached} listing (in {@code clashes}) every required department with no
     * official among {@code presentDepartmentIds}.
     */
    public SessionView start(long sessionId, String actor, Collection<Long> presentDepartmentIds) {
        SessionView v =
                act(sessionId, actor, (s, p) -> s.start(p, presentDepartmentIds, config.endGrace(), clock.instant()));
        audit.fire(new AuditEvent(
                "project",
                Long.toString(v.projectId()),
                "review-started",
                actor,
                clock.instant(),
                Map.of("from", "ACCEPTED", "to", "IN_REVIEW", "sessionId", sessionId)));
        return v;
    }

    /** IN_PROGRESS → CONCLUDED; everyone still present leaves with SESSION_ENDED. */
    public SessionView conclude(long sessionId, String actor) {
        SessionView v = act(sessionId, actor, (s, p) -> s.conclude(p, clock.instant()));
        attendance.recordAllLeft(sessionId, LeaveReason.SESSION_ENDED, clock.instant());
        return v;
    }

    /**
     * The session's decision was issued: the session ends (README "When a session ends"). A session
     * still in progress is concluded in the issuing transaction (this observer runs inside it), so
     * both commit or roll back together; the room closes after commit, on the "concluded" event.
     */
    void concludeWithDecision(@Observes AuditEvent issued) {
        if ("decision".equals(issued.entityType())
                && "issued".equals(issued.action())
                && issued.data().get("sessionId") instanceof Number sessionId
                && session(sessionId.longValue()).status() == SessionStatus.IN_PROGRESS) {
            conclude(sessionId.longValue(), issued.actor());
        }
    }

    /**
     * Concludes every session still in progress past its scheduled end plus {@code end-grace}.
     * Runs on every node; the status check under the row's version makes a second node's attempt fail
     * harmlessly. Returns the ids concluded.
     */
    public List<Long> concludeOverdue() {
        Instant now = clock.instant();
        List<Long> done = new java.util.ArrayList<>();
        for (ReviewSession s : sessions.list(
                "status = ?1 and endsAt <= ?2", SessionStatus.IN_PROGRESS, now.minus(config.endGrace()))) {
            s.concludeAtClose(config.endGrace(), now);
            attendance.recordAllLeft(s.id(), LeaveReason.SESSION_ENDED, now);
            fireAudit(audit, s, "concluded", ReviewSession.SYSTEM, now, SessionStatus.IN_PROGRESS, Map.of());
            done.add(s.id());
        }
        return done;
    }

    /** The chair moved the agenda on in the room: the step's start, kept with the session (see {@link ReviewSession#beginAgendaStep}). */
    public void recordAgendaStep(long sessionId, int step, String by, Instant at) {
        session(sessionId).beginAgendaStep(step, by, at);
    }

    /** The chair removed a person from the room: kept with the session (once). */
    public void recordRemoval(long sessionId, long personId, String by, Instant at) {
        if (!removals.isRemoved(sessionId, personId)) {
            removals.persist(new SessionRemoval(sessionId, personId, by, at));
            admissionChanged.fire(new SessionAdmissions.AdmissionChanged(sessionId));
        }
    }

    /** Everyone the chair removed from this session's room. */
    public java.util.Set<Long> removedPeople(long sessionId) {
        return removals.personIds(sessionId);
    }

    /** When the session's room closes for good: scheduled end plus {@code end-grace}. */
    public Instant closesAt(long sessionId) {
        return session(sessionId).closesAt(config.endGrace());
    }

    /** The departments whose presence quorum needs. */
    public List<SessionDepartment> requiredDepartments(long sessionId) {
        return session(sessionId).departments().stream()
                .filter(SessionDepartment::required)
                .toList();
    }

    /** A session as the API shows it, without any visibility filter (the room has checked admission). */
    public Optional<SessionView> findSessionView(long sessionId) {
        return sessions.findByIdOptional(sessionId).map(SessionView::of);
    }

    private SessionView act(long sessionId, String actor, java.util.function.BiConsumer<ReviewSession, Person> action) {
        ReviewSession s = session(sessionId);
        Person p = people.findByUsername(actor).orElseThrow(() -> ProblemException.forbidden("unknown actor " + actor));
        SessionStatus before = s.status();
        action.accept(s, p);
        sessions.flush();
        fireAudit(audit, s, s.history().get(s.history().size() - 1).type(), actor, clock.instant(), before, Map.of());
        return SessionView.of(s);
    }

    private ReviewSession session(long id) {
        return sessions.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("session", id));
    }

    static void fireAudit(
            Event<AuditEvent> audit,
            ReviewSession s,
            String action,
            String actor,
            Instant at,
            SessionStatus before,
            Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("projectId", s.project().id());
        data.put("from", before == null ? null : before.name());
        data.put("to", s.status().name());
        data.put("sequence", s.sequence());
        data.putAll(extra);
        data.values().removeIf(java.util.Objects::isNull);
        audit.fire(new AuditEvent("session", s.id().toString(), action, actor, at, data));
    }
}
