package org.liandong.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import org.liandong.directory.Department;
import org.liandong.directory.Person;

/**
 * One continuous stay of a person in a session's room: joined, and (once over) left with a
 * reason. A dropped connection that comes back within the grace period reopens the same entry;
 * the gap is counted in {@code interruptedSeconds} rather than starting a new entry.
 */
@Entity
@Table(name = "attendance")
public class AttendanceEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "session_id")
    private long sessionId;

    @ManyToOne(optional = false, fetch = FetchType.EAGER)
    private Person person;

    @Enumerated(EnumType.STRING)
    private SessionRole role;

    @ManyToOne(fetch = FetchType.EAGER)
    private Department department;

    @Column(name = "joined_at")
    private Instant joinedAt;

    @Column(name = "left_at")
    private Instant leftAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "leave_reason")
    private LeaveReason leaveReason;

    private int interruptions;

    @Column(name = "interrupted_seconds")
    private long interruptedSeconds;
    /** When the node holding the seat last saw the person present (refreshed while open). */
    @Column(name = "seen_at")
    private Instant seenAt;

    @Version
    private long version;

    protected AttendanceEntry() {}

    AttendanceEntry(long sessionId, Person person, SessionRole role, Department department, Instant at) {
        this.sessionId = sessionId;
        this.person = person;
        this.role = role;
        this.department = department;
        this.joinedAt = at;
        this.seenAt = at;
    }

    /** Whether a join at {@code at} continues this entry: it ended by a drop no longer than {@code grace} ago. */
    boolean resumableAt(Instant at, Duration grace) {
        return leaveReason == LeaveReason.DROPPED && !at.isAfter(leftAt.plus(grace));
    }

    /** Continues after a drop; the gap is kept. */
    void resume(Instant at) {
        interruptions++;
        interruptedSeconds += Math.max(0, Duration.between(leftAt, at).toSeconds());
        leftAt = null;
        leaveReason = null;
        seenAt = at;
    }

    /**
     * The stay was abandoned (its node crashed): it ends as dropped at the last moment anybody
     * knew the person was there, never later.
     */
    void abandon() {
        leave(LeaveReason.DROPPED, seenAt == null ? joinedAt : seenAt);
    }

    void leave(LeaveReason reason, Instant at) {
        this.leftAt = at.isBefore(joinedAt) ? joinedAt : at;
        this.leaveReason = reason;
    }

    public boolean isOpen() {
        return leftAt == null;
    }

    /** Time actually present: from join to leave (or {@code now}), minus the gaps. */
    public Duration presence(Instant now) {
        Instant end = leftAt == null ? now : leftAt;
        return Duration.between(joinedAt, end).minusSeconds(interruptedSeconds);
    }

    public Long id() {
        return id;
    }

    public long sessionId() {
        return sessionId;
    }

    public Person person() {
        return person;
    }

    public SessionRole role() {
        return role;
    }

    public Department department() {
        return department;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    public Instant leftAt() {
        return leftAt;
    }

    public LeaveReason leaveReason() {
        return leaveReason;
    }

    public Instant seenAt() {
        return seenAt;
    }

    public int interruptions() {
        return interruptions;
    }

    public long interruptedSeconds() {
        return interruptedSeconds;
    }
}
