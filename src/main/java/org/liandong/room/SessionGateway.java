package org.liandong.room;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liandong.cluster.ClusterJobs;
import org.liandong.cluster.RoomFence;
import org.liandong.common.AuditEvent;
import org.liandong.common.ProblemException;
import org.liandong.room.state.DepartmentRef;
import org.liandong.room.state.Phase;
import org.liandong.session.Admission;
import org.liandong.session.AttendanceService;
import org.liandong.session.InvitationWithdrawn;
import org.liandong.session.JoinTokenService;
import org.liandong.session.LeaveReason;
import org.liandong.session.SessionService;
import org.liandong.session.SessionStatus;
import org.liandong.session.SessionView;

/**
 * The room's gateway to the session feature, and its only one: admission, the quorum list, starting the session and
 * attendance; and the session events that reach into live rooms (withdrawn invitation, concluded
 * session). Called from worker threads only: every method may touch the database.
 */
@ApplicationScoped
public class SessionGateway {

    /**
     * The state a room opens with: its phase, the departments quorum needs, the people the chair
     * removed earlier, and when the room closes for good (scheduled end plus end grace).
     */
    public record Setup(
            Phase phase, List<DepartmentRef> requiredDepartments, Set<Long> removedPeople, Instant closesAt) {}

    /** A refused admission, answered as the HTTP status of the upgrade request. */
    public static class RoomRefused extends RuntimeException {
        private final int status;

        public RoomRefused(int status, String reason) {
            super(reason);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final JoinTokenService tokens;
    private final SessionService sessions;
    private final AttendanceService attendance;
    private final RoomRegistry rooms;
    private final Clock clock;
    private final ClusterJobs jobs;
    private final RoomFence fence;
    private final java.time.Duration endCheckSpacing;

    SessionGateway(
            JoinTokenService tokens,
            SessionService sessions,
            AttendanceService attendance,
            RoomRegistry rooms,
            Clock clock,
            ClusterJobs jobs,
            RoomConfig config,
            RoomFence fence) {
        this.fence = fence;
        this.jobs = jobs;
        // A little under the period: the same job is not repeated elsewhere within one tick.
        this.endCheckSpacing = config.endCheck().multipliedBy(4).dividedBy(5);
        this.tokens = tokens;
        this.sessions = sessions;
        this.attendance = attendance;
        this.rooms = rooms;
        this.clock = clock;
    }

    /**
     * Who may take a seat: a valid join token for this session (checked against its validity
     * bounds), or else the signed-in person ({@code username}, may be null) if invited and inside
     * the same window.
     *
     * @throws RoomRefused with the HTTP status to refuse the upgrade with
     */
    public Admission admit(long sessionId, String token, String username) {
        try {
            if (token != null && !token.isBlank()) {
                return tokens.verify(token, sessionId);
            }
            if (username == null) {
                throw new RoomRefused(401, "a join token or a signed-in invited person is required");
            }
            return tokens.admitSignedIn(sessionId, username)
                    .orElseThrow(() -> new RoomRefused(403, username + " is not invited to session " + sessionId));
        } catch (ProblemException refused) {
            throw new RoomRefused(refused.status(), refused.getMessage());
        }
    }

    /**
     * A committed change the room is about to act on (withdraw, end; here or from another node's
     * command): admission must see it first, or the person the room disconnects gets straight back in.
     */
    public void admissionChanged(long sessionId) {
        tokens.admissionChanged(sessionId);
    }

    @Transactional
    public Setup setup(long sessionId) {
        SessionView s =
                sessions.findSessionView(sessionId).orElseThrow(() -> new RoomRefused(404, "no session " + sessionId));
        Instant closesAt = sessions.closesAt(sessionId);
        Phase phase = !clock.instant().isBefore(closesAt)
                ? Phase.ENDED
                : switch (s.status()) {
                    case SCHEDULED, OPEN -> Phase.OPEN;
                    case IN_PROGRESS -> Phase.IN_PROGRESS;
                    case CONCLUDED, CANCELLED -> Phase.ENDED;
                };
        List<DepartmentRef> required = sessions.requiredDepartments(sessionId).stream()
                .map(d -> new DepartmentRef(
                        d.departmentId(),
                        d.department().code(),
                        d.department().nameZh(),
                        d.department().nameEn()))
                .toList();
        return new Setup(phase, required, sessions.removedPeople(sessionId), closesAt);
    }

    /**
     * Every room write below carries the room's lease epoch (0 on a single node) and is refused with
     * {@link RoomFence.StaleOwner} when a newer owner of the room already wrote (docs/cluster.md).
     */
    public void takeOwnership(long sessionId, long epoch) {
        fence.advance(sessionId, epoch);
    }

    /** The highest room-lease epoch that wrote for the session (0: none). */
    public long highestEpoch(long sessionId) {
        return fence.highest(sessionId);
    }

    /** Moves the session to in progress, opening its lobby first if nobody did yet. */
    @Transactional
    public void start(long sessionId, long epoch, String actor, Set<Long> presentDepartments) {
        fence.check(sessionId, epoch);
        SessionView s =
                sessions.findSessionView(sessionId).orElseThrow(() -> ProblemException.notFound("session", sessionId));
        if (s.status() == SessionStatus.SCHEDULED) {
            sessions.open(sessionId, actor);
        }
        sessions.start(sessionId, actor, presentDepartments);
    }

    @Transactional
    public void recordJoin(long sessionId, long epoch, Admission admission, Instant at) {
        fence.check(sessionId, epoch);
        attendance.recordJoin(sessionId, admission.personId(), admission.role(), admission.departmentId(), at);
    }

    @Transactional
    public void recordLeave(long sessionId, long epoch, Admission admission, LeaveReason reason, Instant at) {
        fence.check(sessionId, epoch);
        attendance.recordLeave(sessionId, admission.personId(), reason, at);
    }

    @Transactional
    public void recordAgendaStep(long sessionId, long epoch, int step, String by, Instant at) {
        fence.check(sessionId, epoch);
        sessions.recordAgendaStep(sessionId, step, by, at);
    }

    @Transactional
    public void recordRemoval(long sessionId, long epoch, Admission admission, String by, Instant at) {
        fence.check(sessionId, epoch);
        sessions.recordRemoval(sessionId, admission.personId(), by, at);
    }

    /**
     * Present seats were seen at {@code at}: what a crash would close their attendance at. Rooms
     * whose epoch ({@code epochs}, absent: 0) was superseded are left out.
     */
    @Transactional
    public void recordSeen(Map<Long, Set<Long>> peopleBySession, Map<Long, Long> epochs, Instant at) {
        attendance.recordSeen(owned(peopleBySession, epochs), at);
    }

    /** Graceful shutdown: everyone still present on this node leaves as dropped now. */
    @Transactional
    public void recordShutdown(Map<Long, Set<Long>> peopleBySession, Map<Long, Long> epochs, Instant at) {
        attendance.recordAllDropped(owned(peopleBySession, epochs), at);
    }

    private Map<Long, Set<Long>> owned(Map<Long, Set<Long>> peopleBySession, Map<Long, Long> epochs) {
        Map<Long, Set<Long>> owned = new java.util.HashMap<>();
        peopleBySession.forEach((session, people) -> {
            if (fence.holds(session, epochs.getOrDefault(session, 0L))) {
                owned.put(session, people);
            }
        });
        return owned;
    }

    /**
     * Concludes sessions past their end plus grace (each fires "concluded", which ends its room).
     * On one node of the cluster per period (docs/cluster.md "Exactly once").
     */
    @Scheduled(every = "${liandong.room.end-check:PT30S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void concludeOverdue() {
        jobs.runOnce("conclude-overdue", endCheckSpacing, sessions::concludeOverdue);
    }

    /** Attendance left open by a node that stopped without closing it (crash, kill -9); on one node. */
    @Scheduled(every = "${liandong.room.end-check:PT30S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeAbandonedAttendance() {
        jobs.runOnce("abandoned-attendance", endCheckSpacing, () -> attendance.closeAbandoned(clock.instant()));
    }

    void onWithdrawn(@Observes(during = TransactionPhase.AFTER_SUCCESS) InvitationWithdrawn withdrawn) {
        // Before the kick: the order of this and SessionAdmissions' own observer is not defined.
        tokens.admissionChanged(withdrawn.sessionId());
        rooms.withdrawEverywhere(withdrawn.sessionId(), withdrawn.personId());
    }

    void onConcluded(@Observes(during = TransactionPhase.AFTER_SUCCESS) AuditEvent event) {
        if ("session".equals(event.entityType()) && "concluded".equals(event.action())) {
            rooms.endEverywhere(Long.parseLong(event.entityId()));
        }
    }
}
