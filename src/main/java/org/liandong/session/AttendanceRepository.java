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
        return find("sessionId = ?1 and person.id = ?2 order by joinedAt desc, id desc", sessionId, personId).firstResultOptional();
    }

    public List<AttendanceEntry> listOpen(long sessionId) {
        return list("sessionId = ?1 and leftAt is null", sessionId);
    }

    /** Open entries (any session) last seen before {@code before}. */
    public List<AttendanceEntry> listOpenNotSeenSince(java.time.Instant before) {
        return list("leftAt is null and coalesce(seenAt, joinedAt) < ?1", before);
    }

    public boolean exists(long sessionId, long personId) {
        return count("sessionId = ?1 and person.id = ?2", sessionId, personId) > 0;
    }
}
