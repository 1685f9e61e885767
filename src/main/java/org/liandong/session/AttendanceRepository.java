package org.liandong.session;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class AttendanceRepository implements PanacheRepository<AttendanceEntry> {

    public List<AttendanceEntry> listBySession(long sessionId) {
        return list("sessionId = ?1 order by joinedAt, id", sessionId);
    }

    public Optional<AttendanceEntry> latest(long sessionId, long personId) {
        return find("sessionId = ?1 and person.id = ?2 order by joinedAt desc, id desc", sessionId, personId)
                .firstResultOptional();
    }

    public List<AttendanceEntry> listOpen(long sessionId) {
        return list("sessionId = ?1 and leftAt is null", sessionId);
    }

    /**
     * Refreshes the last-seen time of these people's open entries. A bulk update: it leaves the row
     * version alone, so it never conflicts with a join or leave being stored at the same moment.
     */
    public void markSeen(long sessionId, java.util.Collection<Long> personIds, java.time.Instant at) {
        update("seenAt = ?1 where sessionId = ?2 and leftAt is null and person.id in ?3", at, sessionId, personIds);
    }

    /** Ends these people's open entries in one bulk update (no version conflict with a concurrent leave). */
    public void closeOpen(
            long sessionId, java.util.Collection<Long> personIds, LeaveReason reason, java.time.Instant at) {
        update(
                "leftAt = ?1, leaveReason = ?2 where sessionId = ?3 and leftAt is null and person.id in ?4",
                at,
                reason,
                sessionId,
                personIds);
    }

    /** Open entries (any session) last seen before {@code before}. */
    public List<AttendanceEntry> listOpenNotSeenSince(java.time.Instant before) {
        return list("leftAt is null and coalesce(seenAt, joinedAt) < ?1", before);
    }

    public boolean exists(long sessionId, long personId) {
        return count("sessionId = ?1 and person.id = ?2", sessionId, personId) > 0;
    }
}
