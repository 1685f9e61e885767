package org.liandong.decision;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SessionMinutesRepository implements PanacheRepository<SessionMinutes> {

    /** The current (highest) version of a session's frozen minutes. */
    public Optional<SessionMinutes> findCurrent(long sessionId) {
        return find("sessionId = ?1 order by version desc", sessionId).firstResultOptional();
    }

    public List<SessionMinutes> listVersions(long sessionId) {
        return list("sessionId = ?1 order by version", sessionId);
    }
}
