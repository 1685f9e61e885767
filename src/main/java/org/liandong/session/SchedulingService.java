package org.liandong.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.liandong.account.CurrentUser;
import org.liandong.common.AuditEvent;
import org.liandong.common.ProblemException;
import org.liandong.directory.Department;
import org.liandong.directory.DepartmentRepository;
import org.liandong.directory.Person;
import org.liandong.directory.PersonRepository;
import org.liandong.directory.Role;
import org.liandong.notification.Notification;
import org.liandong.notification.Outbox;
import org.liandong.project.Project;
import org.liandong.project.ProjectRepository;

/**
 * Schedules sessions on behalf of the current user: checks the request (400 naming the field),
 * then every scheduling rule (409 listing every clash), stores the session and notifies each
 * invited person with their own calendar file and join link. Reschedule and cancel keep history
 * and notify again. Applicants and proxy agents only ever see sessions they are invited to.
 */
@ApplicationScoped
@Transactional
public class SchedulingService {

    private final SessionRepository sessions;
    private final ProjectRepository projects;
    private final PersonRepository people;
    private final DepartmentRepository departments;
    private final ConflictChecker checker;
    private final InvitationCalendar calendars;
    private final JoinTokenService tokens;
    private final Outbox outbox;
    private final AttendanceService attendance;
    private final CurrentUser me;
    private final Clock clock;
    private final Event<AuditEvent> audit;
    private final Event<InvitationWithdrawn> withdrawn;
    private final java.time.ZoneId zone;

    SchedulingService(
            SessionRepository sessions,
            ProjectRepository projects,
            PersonRepository people,
            DepartmentRepository departments,
            ConflictChecker checker,
            InvitationCalendar calendars,
            JoinTokenService tokens,
            Outbox outbox,
            AttendanceService attendance,
            CurrentUser me,
            Clock clock,
            Event<AuditEvent> audit,
            Event<InvitationWithdrawn> withdrawn,
            org.liandong.common.TimeConfig time) {
        this.zone = time.zone();
        this.sessions = sessions;
        this.projects = projects;
        this.people = people;
        this.departments = departments;
        this.checker = checker;
        this.calendars = calendars;
        this.tokens = tokens;
        this.outbox = outbox;
        this.attendance = attendance;
        this.me = me;
        this.clock = clock;
        this.audit = audit;
        this.withdrawn = withdrawn;
    }

    /** Every clash the request would meet, without scheduling anything (for forms). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Clash> check(SessionRequest r) {
        return clashes(plan(r));
    }

    /**
     * Schedules the session, or 409 with every clash. The people's rows stay locked until commit,
     * so concurrent bookings of the same people (also on other nodes, also four copies of one
     * request) are checked one after the other: one succeeds, the others get {@code PERSON_BUSY}.
     */
    public SessionView schedule(SessionRequest r) {
        Plan plan = plan(r);
        Set<Long> everyone = new HashSet<>(Set.of(plan.chair.id()));
        plan.invitees.forEach(i -> everyone.add(i.person.id()));
        sessions.lockPeople(everyone);
        List<Clash> clashes = clashes(plan);
        if (!clashes.isEmpty()) {
            throw ProblemException.clashes(clashes.size() + " scheduling clash(es)", clashes);
        }
        String actor = me.person().username();
        Instant now = clock.instant();
        ReviewSession s = new ReviewSession(
                plan.project,
                title(r.title(), plan.project),
                r.startsAt(),
                plan.duration,
                plan.chair,
                r.agenda(),
                actor,
                now);
        r.departments().forEach(d -> s.includeDepartment(plan.departments.get(d.departmentId()), d.required()));
        plan.invitees.forEach(i -> s.invite(i.person, i.role, i.department, actor, now));
        sessions.persist(s);
        sessions.flush();
        // Details are data the page formats (session number, a UTC instant shown in the reader's zone), not prose.
        plan.project.record(now, "session-scheduled", actor, "#" + s.id() + " " + s.startsAt());
        s.activeInvitations().forEach(i -> notifyInvited(s, i.person(), Notification.Kind.INVITATION, now));
        SessionService.fireAudit(
                audit,
                s,
                "scheduled",
                actor,
                now,
                null,
                Map.of("startsAt", s.startsAt().toString()));
        return SessionView.of(s);
    }

    public SessionView reschedule(long id, RescheduleRequest r) {
        ReviewSession s = manageable(id);
        sessions.lockPeople(
                s.activeInvitations().stream().map(Invitation::personId).toList());
        Duration duration = Duration.ofMinutes(r.durationMinutes());
        Instant end = r.startsAt().plus(duration);
        List<Clash> clashes = new ArrayList<>(checker.slot(r.startsAt(), duration));
        clashes.addAll(checker.busy(
                s.activeInvitations().stream().map(Invitation::person).toList(), r.startsAt(), end, s.id()));
        if (!clashes.isEmpty()) {
            throw ProblemException.clashes(clashes.size() + " scheduling clash(es)", clashes);
        }
        String actor = me.person().username();
        Instant now = clock.instant();
        SessionStatus before = s.status();
        s.reschedule(r.startsAt(), duration, r.reason().trim(), actor, now);
        sessions.flush();
        s.activeInvitations().forEach(i -> notifyInvited(s, i.person(), Notification.Kind.UPDATE, now));
        SessionService.fireAudit(
                audit,
                s,
                "rescheduled",
                actor,
                now,
                before,
                Map.of("startsAt", s.startsAt().toString(), "reason", r.reason().trim()));
        return SessionView.of(s);
    }

    public SessionView cancel(long id, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalid("reason", "say why the session is cancelled");
        }
        ReviewSession s = manageable(id);
        cancel(s, reason.trim(), me.person().username(), clock.instant());
        return SessionView.of(s);
    }

    /**
     * A withdrawn project keeps no session (the attacker's review, 2026-11-29): its scheduled or open
     * sessions are cancelled with the withdrawal's reason, in its transaction, so that invitees are
     * told, calendars get the CANCEL and join links admit nobody. A session in progress refuses the
     * withdrawal (409 {@code session-in-progress}): the chair concludes it first.
     */
    void onProjectWithdrawn(@Observes AuditEvent e) {
        if (!"project".equals(e.entityType()) || !"withdrawn".equals(e.action())) {
            return;
        }
        long projectId = Long.parseLong(e.entityId());
        for (ReviewSession s : sessions.list("project.id = ?1", projectId)) {
            if (s.status() == SessionStatus.IN_PROGRESS) {
                throw ProblemException.conflict(
                        "session-in-progress",
                        "session " + s.id() + " of this project is in progress; its chair concludes it first");
            }
            if (s.status() == SessionStatus.SCHEDULED || s.status() == SessionStatus.OPEN) {
                cancel(s, "项目已撤回 The project was withdrawn", e.actor(), e.at());
            }
        }
    }

    private void cancel(ReviewSession s, String reason, String actor, Instant now) {
        SessionStatus before = s.status();
        s.cancel(reason, actor, now);
        sessions.flush();
        for (Invitation i : s.activeInvitations()) {
            outbox.post(
                    i.person(),
                    s.id(),
                    Notification.Kind.CANCELLATION,
                    "已取消 Cancelled: " + subject(s),
                    "联审会已取消。The joint review session was cancelled.\n原因 Reason: " + s.cancelReason(),
                    calendars.cancel(s, i.person(), now));
            withdrawn.fire(new InvitationWithdrawn(s.id(), i.personId()));
        }
        attendance.recordAllLeft(s.id(), LeaveReason.REMOVED, now); // anyone waiting in an open lobby
        SessionService.fireAudit(audit, s, "cancelled", actor, now, before, Map.of("reason", s.cancelReason()));
    }

    public SessionView invite(long id, ParticipantRequest r) {
        ReviewSession s = manageable(id);
        Invitee invitee = invitee(s.project(), r.personId(), r.role(), "personId", departmentsOf(s));
        if (invitee.person.id().equals(s.chair().id())
                || s.invitationOf(invitee.person.id()).isPresent()) {
            throw ProblemException.invalid("personId", "is already invited");
        }
        sessions.lockPeople(List.of(invitee.person.id()));
        List<Clash> clashes = checker.busy(List.of(invitee.person), s.startsAt(), s.endsAt(), s.id());
        if (!clashes.isEmpty()) {
            throw ProblemException.clashes("scheduling clash", clashes);
        }
        String actor = me.person().username();
        Instant now = clock.instant();
        s.invite(invitee.person, invitee.role, invitee.department, actor, now);
        sessions.flush();
        notifyInvited(s, invitee.person, Notification.Kind.INVITATION, now);
        SessionService.fireAudit(
                audit,
                s,
                "invited",
                actor,
                now,
                s.status(),
                Map.of("personId", invitee.person.id(), "role", invitee.role.name()));
        return SessionView.of(s);
    }

    public SessionView withdrawInvitation(long id, long personId, String reason) {
        ReviewSession s = manageable(id);
        String actor = me.person().username();
        Instant now = clock.instant();
        Invitation i = s.withdrawInvitation(personId, reason, actor, now);
        sessions.flush();
        outbox.post(
                i.person(),
                s.id(),
                Notification.Kind.CANCELLATION,
                "邀请已撤回 Invitation withdrawn: " + subject(s),
                "您对本次联审会的邀请已撤回。Your invitation to this joint review session was withdrawn."
                        + (reason == null ? "" : "\n原因 Reason: " + reason),
                calendars.cancel(s, i.person(), now));
        withdrawn.fire(new InvitationWithdrawn(s.id(), personId));
        attendance.recordLeave(s.id(), personId, LeaveReason.REMOVED, now);
        SessionService.fireAudit(
                audit, s, "invitation-withdrawn", actor, now, s.status(), Map.of("personId", personId));
        return SessionView.of(s);
    }

    public SessionView editAgenda(long id, List<String> items) {
        ReviewSession s = manageable(id);
        String actor = me.person().username();
        Instant now = clock.instant();
        s.editAgenda(items.stream().map(String::trim).toList(), actor, now);
        SessionService.fireAudit(audit, s, "agenda-edited", actor, now, s.status(), Map.of("items", items.size()));
        return SessionView.of(s);
    }

    /** A session the caller may see: staff see all; the applicant side only those it is invited to. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SessionView> getSession(long id) {
        return visible(id).map(this::view);
    }

    private Optional<ReviewSession> visible(long id) {
        return sessions.findByIdOptional(id).filter(s -> me.mayAccess(person -> wasInvited(s, person)));
    }

    private SessionView view(ReviewSession s) {
        SessionView v = SessionView.of(s);
        return me.isPartyOnly() ? v.forParty() : v;
    }

    /**
     * Sessions by time range, project and person. The applicant side may only list its own:
     * asking for another person is refused (403), and without a person it gets its own.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SessionView> listSessions(Instant from, Instant to, Long projectId, Long personId) {
        if (me.isPartyOnly()) {
            if (personId != null && personId != me.id()) {
                throw ProblemException.forbidden("you may only list your own sessions");
            }
            personId = me.id();
        }
        return sessions.search(from, to, projectId, personId, 500).stream()
                .map(this::view)
                .toList();
    }

    /** The caller's own calendar file for a session: the latest one sent to them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String invitationIcs(long id) {
        ReviewSession s = visible(id).orElseThrow(() -> ProblemException.notFound("session", id));
        if (!wasInvited(s, me.id())) {
            throw ProblemException.notFound("invitation to session", id);
        }
        Optional<Invitation> active =
                s.status() == SessionStatus.CANCELLED ? Optional.empty() : s.invitationOf(me.id());
        return active.map(i -> calendars.request(
                        s, i.person(), tokens.joinUrl(s.id(), tokens.issue(s.id(), i.personId())), clock.instant()))
                .orElseGet(() -> calendars.cancel(s, me.person(), clock.instant()));
    }

    private void notifyInvited(ReviewSession s, Person p, Notification.Kind kind, Instant now) {
        String url = tokens.joinUrl(s.id(), tokens.issue(s.id(), p.id()));
        String when = s.startsAt().atZone(zone).toLocalDateTime().toString().replace('T', ' ');
        String what = kind == Notification.Kind.UPDATE ? "联审会时间已变更 Rescheduled: " : "联审会邀请 Invitation: ";
        outbox.post(
                p,
                s.id(),
                kind,
                what + subject(s),
                "时间 Time: " + when + " (" + zone + "), " + s.duration().toMinutes() + " min\n"
                        + "项目 Project: " + s.project().projectCode() + " "
                        + s.project().name() + "\n"
                        + "个人入会链接 Personal join link: " + url,
                calendars.request(s, p, url, now));
    }

    private static String subject(ReviewSession s) {
        return s.project().name();
    }

    private static String title(String requested, Project p) {
        return requested == null || requested.isBlank() ? "联审会 Joint review: " + p.name() : requested.trim();
    }

    private static boolean wasInvited(ReviewSession s, long personId) {
        return s.invitations().stream().anyMatch(i -> i.personId() == personId);
    }

    /** The session to change, locked until commit: its own checks (already invited, status) then hold on every node. */
    private ReviewSession manageable(long id) {
        return sessions.findForUpdate(id).orElseThrow(() -> ProblemException.notFound("session", id));
    }

    private Map<Long, Department> departmentsOf(ReviewSession s) {
        Map<Long, Department> m = new java.util.HashMap<>();
        s.departments().forEach(d -> m.put(d.departmentId(), d.department()));
        return m;
    }

    // ---- the request, loaded and checked field by field ------------------------------------------

    private record Invitee(Person person, SessionRole role, Department department) {}

    private record Plan(
            Project project,
            Person chair,
            Instant start,
            Duration duration,
            Map<Long, Department> departments,
            Set<Long> required,
            List<Invitee> invitees) {}

    private Plan plan(SessionRequest r) {
        Project project = projects.findByIdOptional(r.projectId())
                .orElseThrow(() -> ProblemException.invalid("projectId", "is not a known project"));
        Person chair = people.findByIdOptional(r.chairId())
                .filter(p -> p.hasRole(Role.OFFICIAL))
                .orElseThrow(() -> ProblemException.invalid("chairId", "must be an official"));
        Map<Long, Department> chosen = new java.util.LinkedHashMap<>();
        Set<Long> required = new HashSet<>();
        for (int i = 0; i < r.departments().size(); i++) {
            var d = r.departments().get(i);
            String field = "departments[" + i + "].departmentId";
            Department dept = departments
                    .findByIdOptional(d.departmentId())
                    .orElseThrow(() -> ProblemException.invalid(field, "is not a known department"));
            if (chosen.put(dept.id(), dept) != null) {
                throw ProblemException.invalid(field, "is listed twice");
            }
            if (d.required()) {
                required.add(dept.id());
            }
        }
        List<Invitee> invitees = new ArrayList<>();
        Set<Long> seen = new HashSet<>(Set.of(chair.id()));
        boolean party = false;
        for (int i = 0; i < r.participants().size(); i++) {
            var p = r.participants().get(i);
            String field = "participants[" + i + "].personId";
            if (!seen.add(p.personId())) {
                throw ProblemException.invalid(
                        field,
                        p.personId().equals(chair.id())
                                ? "is the chair, who is invited automatically"
                                : "is listed twice");
            }
            Invitee invitee = invitee(project, p.personId(), p.role(), field, chosen);
            party |= invitee.role.isParty();
            invitees.add(invitee);
        }
        if (!party) {
            throw ProblemException.invalid("participants", "invite the applicant or the proxy agent");
        }
        return new Plan(
                project, chair, r.startsAt(), Duration.ofMinutes(r.durationMinutes()), chosen, required, invitees);
    }

    private Invitee invitee(
            Project project, long personId, SessionRole role, String field, Map<Long, Department> chosen) {
        Person p = people.findByIdOptional(personId)
                .orElseThrow(() -> ProblemException.invalid(field, "is not a known person"));
        return switch (role) {
            case CHAIR -> throw ProblemException.invalid(field, "the chair is chosen with chairId");
            case OFFICIAL -> {
                if (!p.hasRole(Role.OFFICIAL)) {
                    throw ProblemException.invalid(field, p.displayName() + " is not an official");
                }
                if (!chosen.containsKey(p.department().id())) {
                    throw ProblemException.invalid(
                            field,
                            p.displayName() + "'s department " + p.department().code()
                                    + " does not take part in this session");
                }
                yield new Invitee(p, role, p.department());
            }
            case APPLICANT -> {
                if (!project.applicant().id().equals(p.id())) {
                    throw ProblemException.invalid(field, p.displayName() + " is not this project's applicant");
                }
                yield new Invitee(p, role, null);
            }
            case PROXY_AGENT -> {
                if (project.proxyAgent() == null || !project.proxyAgent().id().equals(p.id())) {
                    throw ProblemException.invalid(field, p.displayName() + " is not this project's proxy agent");
                }
                yield new Invitee(p, role, null);
            }
            case OBSERVER -> {
                if (!p.hasRole(Role.OBSERVER)) {
                    throw ProblemException.invalid(field, p.displayName() + " is not an observer");
                }
                yield new Invitee(p, role, null);
            }
        };
    }

    private List<Clash> clashes(Plan plan) {
        List<Department> uncovered = plan.required.stream()
                .map(plan.departments::get)
                .filter(d -> !d.id().equals(plan.chair.department().id())
                        && plan.invitees.stream()
                                .noneMatch(i -> i.department != null
                                        && i.department.id().equals(d.id())))
                .toList();
        List<Clash> clashes = new ArrayList<>(checker.lineUp(plan.project, plan.chair, uncovered));
        clashes.addAll(checker.slot(plan.start, plan.duration));
        List<Person> everyone = new ArrayList<>(List.of(plan.chair));
        plan.invitees.forEach(i -> everyone.add(i.person));
        clashes.addAll(checker.busy(everyone, plan.start, plan.start.plus(plan.duration), null));
        return clashes;
    }
}
