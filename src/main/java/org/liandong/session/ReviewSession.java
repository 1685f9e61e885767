package org.liandong.session;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.liandong.common.ProblemException;
import org.liandong.directory.Department;
import org.liandong.directory.Person;
import org.liandong.directory.Role;
import org.liandong.project.Project;

/**
 * A joint review session of one project: when, who chairs, which departments take part (each
 * required or optional), who is invited in which role, and the agenda. A project may have several
 * sessions (a follow-up after a supplement).
 * <pre>
 * SCHEDULED → OPEN → IN_PROGRESS → CONCLUDED
 * SCHEDULED | OPEN → CANCELLED
 * </pre>
 * Every move goes through a method here that checks it, records it in the history and refuses an
 * illegal one with a 409 problem. {@code sequence} is the iCalendar SEQUENCE: raised on every
 * change that attendees' calendars must pick up (reschedule, cancel). Times are UTC instants.
 */
@Entity
@Table(name = "review_session")
public class ReviewSession {

    /** Used when the coordinator gives no agenda; editable per session. */
    public static final List<String> DEFAULT_AGENDA = List.of(
            "开场与法定人数确认 Opening and quorum",
            "申请人汇报 Applicant's presentation",
            "提问与答复 Questions",
            "合议（申请人回避） Deliberation (applicant excused)",
            "部门意见 Opinions",
            "联审决定 Decision");

    /** The actor named in the history for what the service does by itself. */
    public static final String SYSTEM = "system";

    /**
     * The longest a session may be, minutes (the requests' limit, kept by {@link #setTime}).
     * The clash query relies on it: a session overlapping a slot starts at most this long before it.
     */
    public static final int MAX_MINUTES = 480;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    private Project project;

    @Column(length = org.liandong.common.TextLimits.SESSION_TITLE)
    private String title;

    @Column(name = "starts_at")
    private Instant startsAt;
    /** Stored (not only derived) so that clash queries can use an index. */
    @Column(name = "ends_at")
    private Instant endsAt;

    @Column(name = "duration_minutes")
    private int durationMinutes;

    @ManyToOne(optional = false)
    private Person chair;

    @Enumerated(EnumType.STRING)
    private SessionStatus status;

    private int sequence;

    @Column(name = "cancel_reason", length = org.liandong.common.TextLimits.CANCEL_REASON)
    private String cancelReason;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "session", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<SessionDepartment> departments = new ArrayList<>();

    @OneToMany(mappedBy = "session", cascade = CascadeType.ALL)
    @OrderBy("id")
    private List<Invitation> invitations = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "session_agenda_item", joinColumns = @JoinColumn(name = "session_id"))
    @OrderColumn(name = "position")
    @Column(name = "title", length = org.liandong.common.TextLimits.AGENDA_ITEM)
    private List<String> agenda = new ArrayList<>();

    @OneToMany(mappedBy = "session", cascade = CascadeType.ALL)
    @OrderBy("at, id")
    private List<SessionEvent> history = new ArrayList<>();

    protected ReviewSession() {}

    /** A new SCHEDULED session; the chair is invited as CHAIR for their own department. */
    public ReviewSession(
            Project project,
            String title,
            Instant startsAt,
            Duration duration,
            Person chair,
            List<String> agenda,
            String actor,
            Instant now) {
        this.project = project;
        this.title = title;
        this.chair = chair;
        this.status = SessionStatus.SCHEDULED;
        this.createdAt = now;
        setTime(startsAt, duration);
        this.agenda.addAll(agenda == null || agenda.isEmpty() ? DEFAULT_AGENDA : agenda);
        invitations.add(new Invitation(this, chair, SessionRole.CHAIR, chair.department(), now));
        record(now, "scheduled", actor, startsAt + " " + duration.toMinutes() + " min");
    }

    /** Adds a participating department, or changes whether it is required. */
    public void includeDepartment(Department department, boolean required) {
        requireNotTerminal("change departments of");
        department(department.id())
                .ifPresentOrElse(
                        d -> d.setRequired(required),
                        () -> departments.add(new SessionDepartment(this, department, required)));
    }

    /** Invites a person (again, if an earlier invitation was withdrawn). One active invitation per person. */
    public Invitation invite(Person person, SessionRole role, Department department, String actor, Instant now) {
        requireNotTerminal("invite people to");
        if (invitationOf(person.id()).isPresent()) {
            throw ProblemException.conflict("already-invited", person.username() + " is already invited");
        }
        Invitation i = new Invitation(this, person, role, department, now);
        invitations.add(i);
        if (id != null) {
            record(now, "invited", actor, person.username() + " as " + role);
        }
        return i;
    }

    /** Withdraws one person's invitation; the chair's cannot be withdrawn (choose another chair instead). */
    public Invitation withdrawInvitation(long personId, String reason, String actor, Instant now) {
        requireNotTerminal("withdraw invitations of");
        Invitation i =
                invitationOf(personId).orElseThrow(() -> ProblemException.notFound("invitation of person", personId));
        if (i.role() == SessionRole.CHAIR) {
            throw ProblemException.conflict("chair-invitation", "the chair's invitation cannot be withdrawn");
        }
        i.withdraw(reason, now);
        record(now, "invitation-withdrawn", actor, i.person().username() + (reason == null ? "" : ": " + reason));
        return i;
    }

    /** Moves a planned session to a new slot; the reason is kept in the history and SEQUENCE goes up. */
    public void reschedule(Instant newStart, Duration newDuration, String reason, String actor, Instant now) {
        requireStatus(EnumSet.of(SessionStatus.SCHEDULED), "reschedule");
        String before = startsAt + " " + durationMinutes + " min";
        setTime(newStart, newDuration);
        sequence++;
        record(now, "rescheduled", actor, before + " → " + newStart + " " + durationMinutes + " min: " + reason);
    }

    /** Calls the session off with a reason; SEQUENCE goes up so that calendars apply the CANCEL. */
    public void cancel(String reason, String actor, Instant now) {
        requireStatus(EnumSet.of(SessionStatus.SCHEDULED, SessionStatus.OPEN), "cancel");
        status = SessionStatus.CANCELLED;
        cancelReason = reason;
        sequence++;
        record(now, "cancelled", actor, reason);
    }

    /** The chair (or a coordinator) opens the lobby. */
    public void open(Person actor, Instant now) {
        requireRunner(actor);
        requireStatus(EnumSet.of(SessionStatus.SCHEDULED), "open");
        status = SessionStatus.OPEN;
        record(now, "opened", actor.username(), null);
    }

    /**
     * Quorum reached: the review starts and the project moves to IN_REVIEW. Refused with a 409
     * listing every required department that has no official among {@code presentDepartmentIds}.
     */
    public void start(Person actor, Collection<Long> presentDepartmentIds, Duration endGrace, Instant now) {
        requireRunner(actor);
        requireStatus(EnumSet.of(SessionStatus.OPEN), "start");
        if (!now.isBefore(closesAt(endGrace))) {
            throw ProblemException.conflict(
                    "session-over", "session " + id + " was due to end at " + endsAt + "; schedule a new one");
        }
        List<QuorumGap> missing = departments.stream()
                .filter(d -> d.required() && !presentDepartmentIds.contains(d.departmentId()))
                .map(d -> new QuorumGap(
                        "MISSING_REQUIRED_DEPARTMENT",
                        d.departmentId(),
                        d.department().code(),
                        d.department().nameZh(),
                        d.department().nameEn()))
                .toList();
        if (!missing.isEmpty()) {
            throw new ProblemException(
                    409,
                    "quorum-not-reached",
                    "Conflict",
                    "quorum not reached: no official present for "
                            + String.join(
                                    ", ",
                                    missing.stream()
                                            .map(QuorumGap::departmentCode)
                                            .toList()),
                    null,
                    missing);
        }
        project.startReview(actor.username(), now);
        project.record(now, "session-started", actor.username(), "#" + id);
        status = SessionStatus.IN_PROGRESS;
        record(now, "started", actor.username(), null);
    }

    /** The review ended. */
    public void conclude(Person actor, Instant now) {
        requireRunner(actor);
        requireStatus(EnumSet.of(SessionStatus.IN_PROGRESS), "conclude");
        status = SessionStatus.CONCLUDED;
        record(now, "concluded", actor.username(), null);
    }

    /**
     * The session ran past {@link #closesAt} without being concluded: the system concludes it
     * (a decision may still be issued for a concluded session).
     */
    public void concludeAtClose(Duration endGrace, Instant now) {
        requireStatus(EnumSet.of(SessionStatus.IN_PROGRESS), "conclude");
        if (now.isBefore(closesAt(endGrace))) {
            throw ProblemException.conflict(
                    "illegal-transition", "session " + id + " runs until " + closesAt(endGrace));
        }
        status = SessionStatus.CONCLUDED;
        record(now, "concluded", SYSTEM, "scheduled end " + endsAt + " plus " + endGrace + " passed");
    }

    /**
     * When the session is over at the latest: its scheduled end plus the allowed overrun. From then
     * on the room admits nobody and the session cannot start (README "When a session ends").
     */
    public Instant closesAt(Duration endGrace) {
        return endsAt.plus(endGrace);
    }

    /**
     * The chair moved the room to agenda step {@code step} (0-based): recorded as an
     * {@code agenda-step} event, whose first occurrence per step the minutes print as the step's
     * start. Only while the session is in progress, and only for a step of its agenda (409 otherwise).
     */
    public void beginAgendaStep(int step, String actor, Instant now) {
        requireStatus(EnumSet.of(SessionStatus.IN_PROGRESS), "move the agenda of");
        if (step < 0 || step >= agenda.size()) {
            throw ProblemException.conflict(
                    "illegal-transition",
                    "session " + id + " has no agenda step " + (step + 1) + " (it has " + agenda.size() + ")");
        }
        record(now, "agenda-step", actor, String.valueOf(step));
    }

    /** Replaces the agenda; not once the session has ended. */
    public void editAgenda(List<String> items, String actor, Instant now) {
        requireNotTerminal("edit the agenda of");
        agenda.clear();
        agenda.addAll(items);
        record(now, "agenda-edited", actor, items.size() + " items");
    }

    /** A required department with no one to speak for it (no active chair/official invitation). */
    public List<SessionDepartment> requiredDepartmentsWithoutOfficial() {
        return departments.stream()
                .filter(SessionDepartment::required)
                .filter(d -> activeInvitations().stream()
                        .noneMatch(i -> i.role().representsDepartment()
                                && i.department() != null
                                && i.department().id().equals(d.departmentId())))
                .toList();
    }

    /** Whether this person may open, start and conclude it: the chair, or a coordinator. */
    public boolean mayRun(Person p) {
        return p.id().equals(chair.id()) || p.hasRole(Role.COORDINATOR);
    }

    /** Opens to participants {@code lead} before the start; closes at the scheduled end. */
    public Instant admitsFrom(Duration lead) {
        return startsAt.minus(lead);
    }

    public Optional<Invitation> invitationOf(long personId) {
        return invitations.stream()
                .filter(i -> i.isActive() && i.personId() == personId)
                .findFirst();
    }

    public Optional<SessionDepartment> department(long departmentId) {
        return departments.stream()
                .filter(d -> d.departmentId() == departmentId)
                .findFirst();
    }

    public List<Invitation> activeInvitations() {
        return invitations.stream().filter(Invitation::isActive).toList();
    }

    private void setTime(Instant start, Duration duration) {
        if (duration.toMinutes() > MAX_MINUTES) { // the requests refuse it first, with the field named
            throw new IllegalArgumentException("a session lasts at most " + MAX_MINUTES + " minutes");
        }
        this.startsAt = start;
        this.durationMinutes = (int) duration.toMinutes();
        this.endsAt = start.plus(duration);
    }

    private void record(Instant at, String type, String actor, String detail) {
        history.add(new SessionEvent(this, at, type, actor, detail));
    }

    private void requireRunner(Person actor) {
        if (!mayRun(actor)) {
            throw ProblemException.forbidden("only the chair or a coordinator may run session " + id);
        }
    }

    private void requireNotTerminal(String action) {
        if (status.isTerminal()) {
            throw ProblemException.conflict("illegal-transition", "cannot " + action + " a session that is " + status);
        }
    }

    private void requireStatus(Set<SessionStatus> from, String action) {
        if (!from.contains(status)) {
            throw ProblemException.conflict(
                    "illegal-transition",
                    "cannot " + action + " a session that is " + status + " (allowed from " + from + ")");
        }
    }

    /** One required department missing at quorum, as listed in the 409 problem's {@code clashes}. */
    public record QuorumGap(
            String kind, long departmentId, String departmentCode, String departmentNameZh, String departmentNameEn) {}

    public Long id() {
        return id;
    }

    public Project project() {
        return project;
    }

    public String title() {
        return title;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public Duration duration() {
        return Duration.ofMinutes(durationMinutes);
    }

    public Person chair() {
        return chair;
    }

    public SessionStatus status() {
        return status;
    }

    public int sequence() {
        return sequence;
    }

    public String cancelReason() {
        return cancelReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }

    public List<SessionDepartment> departments() {
        return List.copyOf(departments);
    }

    public List<Invitation> invitations() {
        return List.copyOf(invitations);
    }

    public List<String> agenda() {
        return List.copyOf(agenda);
    }

    public List<SessionEvent> history() {
        return List.copyOf(history);
    }
}
