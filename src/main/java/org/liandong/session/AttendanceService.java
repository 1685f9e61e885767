package org.liandong.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liandong.common.ProblemException;
import org.liandong.directory.DepartmentRepository;
import org.liandong.directory.PersonRepository;

/**
 * Who was in a session's room, when, and why they left. Fed by the room; read by decisions
 * (who attended) and by the attendance report. A DROPPED leave followed by a rejoin within
 * {@link SessionConfig#attendanceGrace()} keeps one continuous entry plus the gap.
 */
@ApplicationScoped
@Transactional
public class AttendanceService {

    private final AttendanceRepository entries;
    private final PersonRepository people;
    private final DepartmentRepository departments;
    private final SessionConfig config;
    private final Clock clock;

    AttendanceService(
            AttendanceRepository entries,
            PersonRepository people,
            DepartmentRepository departments,
            SessionConfig config,
            Clock clock) {
        this.entries = entries;
        this.people = people;
        this.departments = departments;
        this.config = config;
        this.clock = clock;
    }

    /** A person entered the room. Idempotent while already present (a second tab, a duplicate event). */
    public void recordJoin(long sessionId, long personId, SessionRole role, Long departmentId, Instant at) {
        var latest = entries.latest(sessionId, personId);
        if (latest.isPresent() && latest.get().isOpen()) {
            return;
        }
        if (latest.isPresent() && latest.get().resumableAt(at, config.attendanceGrace())) {
            latest.get().resume(at);
            return;
        }
        entries.persist(new AttendanceEntry(
                sessionId,
                people.findByIdOptional(personId).orElseThrow(() -> ProblemException.notFound("person", personId)),
                role,
                departmentId == null
                        ? null
                        : departments
                                .findByIdOptional(departmentId)
                                .orElseThrow(() -> ProblemException.notFound("department", departmentId)),
                at));
    }

    /** A person's presence ended; nothing happens if they were not present. */
    public void recordLeave(long sessionId, long personId, LeaveReason reason, Instant at) {
        entries.latest(sessionId, personId).filter(AttendanceEntry::isOpen).ifPresent(e -> e.leave(reason, at));
    }

    /** Closes every open entry, e.g. with SESSION_ENDED when the session concludes. */
    public void recordAllLeft(long sessionId, LeaveReason reason, Instant at) {
        entries.listOpen(sessionId).forEach(e -> e.leave(reason, at));
    }

    /** The room saw these people present at {@code at} (session id → person ids). */
    public void recordSeen(Map<Long, Set<Long>> peopleBySession, Instant at) {
        peopleBySession.forEach((session, people) -> {
            if (!people.isEmpty()) {
                entries.markSeen(session, people, at);
            }
        });
    }

    /**
     * This node stops: these people's open entries end as DROPPED at {@code at}, so that a return
     * within the grace after the restart continues the same entry. A bulk update, so that it cannot
     * conflict with a leave the closing sockets store at the same moment.
     */
    public void recordAllDropped(Map<Long, Set<Long>> peopleBySession, Instant at) {
        peopleBySession.forEach((session, people) -> {
            if (!people.isEmpty()) {
                entries.closeOpen(session, people, LeaveReason.DROPPED, at);
            }
        });
    }

    /**
     * The rule for attendance a node could not close (crash, kill -9): an open entry not seen for
     * {@link SessionConfig#attendanceStaleAfter()} is closed as DROPPED at its last seen time. A live
     * node refreshes its present seats every {@link SessionConfig#attendanceSeenEvery()}, so only
     * orphans qualify; this runs at start-up and then periodically on every node. Returns how many.
     */
    public int closeAbandoned(Instant now) {
        List<AttendanceEntry> stale = entries.listOpenNotSeenSince(now.minus(config.attendanceStaleAfter()));
        stale.forEach(AttendanceEntry::abandon);
        return stale.size();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean hasAttended(long sessionId, long personId) {
        return entries.exists(sessionId, personId);
    }

    public List<AttendanceView> listAttendance(long sessionId) {
        Instant now = clock.instant();
        return entries.listBySession(sessionId).stream()
                .map(e -> AttendanceView.of(e, now))
                .toList();
    }
}
